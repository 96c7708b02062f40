#!/usr/bin/perl
# Reads `jfr print --events jdk.JavaMonitorEnter,jdk.JavaMonitorWait,jdk.ThreadPark` and prints a
# Markdown table: where request threads (Payara's http-thread-pool) waited, by the first frame
# outside the JDK, with the number of waits and their total time.
use strict;
use warnings;

my ( %count, %seconds, $event, $duration, $thread, $site, $in_stack );
sub seconds {
  my ( $value, $unit ) = @_;
  return $value / 1e9 if $unit eq 'ns';
  return $value / 1e6 if $unit eq 'us';
  return $value / 1e3 if $unit eq 'ms';
  return $value * 60 if $unit eq 'm';
  return $value;
}
sub finish {
  if ( defined $event && defined $thread && $thread =~ /http-thread-pool/ ) {
    my $key = "$event | " . ( $site // '(JDK only)' );
    $count{$key}++;
    $seconds{$key} += $duration // 0;
  }
  ( $event, $duration, $thread, $site ) = ();
}
while (<>) {
  if (/^(jdk\.\w+) \{/) { finish(); $event = $1; next }
  if (/^\s*duration = ([\d.]+) (\w+)/) { $duration = seconds( $1, $2 ); next }
  if (/^\s*eventThread = "([^"]*)"/) { $thread = $1; next }
  if (/^\s*stackTrace = \[/) { $in_stack = 1; next }
  if ( $in_stack && /^\s*\]/ ) { $in_stack = 0; next }
  if ( $in_stack && !defined $site && /^\s*(\S+)\(/ && $1 !~ /^(java|javax|jdk|sun)\./ ) {
    $site = $1;
  }
}
finish();
if ( !%count ) {
  print "No request thread waited longer than the recording's threshold (10 ms).\n";
  exit;
}
print "| wait | first frame outside the JDK | waits | total s |\n|---|---|---:|---:|\n";
my @top = ( sort { $seconds{$b} <=> $seconds{$a} } keys %count )[ 0 .. 9 ];
printf "| %s | %d | %.1f |\n", $_, $count{$_}, $seconds{$_} for grep { defined } @top;
