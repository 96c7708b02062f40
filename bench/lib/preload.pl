#!/usr/bin/perl
# Preloads COUNT keys PREFIX0 .. PREFIX<COUNT-1>, each holding the benchmark's small JSON object,
# as fast as the peer allows; not measured.
#
#   preload.pl kvstore PORT PREFIX COUNT [TTL]  POST /_batch, 1000 set ops a request (one atomic batch)
#   preload.pl etcd    PORT PREFIX COUNT        POST /v3/kv/txn, 1000 puts a request (--max-txn-ops 1000)
#   preload.pl redis   -    PREFIX COUNT        Redis protocol on stdout, for redis-cli --pipe
#
# kvstore and etcd get two requests at a time (two worker processes). Exits non-zero on the first
# request that fails.
use strict;
use warnings;
use HTTP::Tiny;
use MIME::Base64 qw(encode_base64);

my ($peer, $port, $prefix, $count, $ttl) = @ARGV;
die "usage: preload.pl kvstore|etcd|redis PORT PREFIX COUNT [TTL]\n" unless defined $count;

my $VALUE = '{"user":"ada","visits":42,"tags":["a","b"]}';
my $OPS_PER_REQUEST = 1000;    # kvstore's kv.batch.max-ops default; etcd started with --max-txn-ops 1000
my $WORKERS = 2;
my $TIMEOUT_SECONDS = 120;     # one request; the whole preload is bounded by COUNT / 1000 of them

if ($peer eq 'redis') {
    binmode STDOUT;
    for my $i (0 .. $count - 1) {
        my @args = ('SET', "$prefix$i", $VALUE);
        print '*', scalar(@args), "\r\n", map { '$' . length($_) . "\r\n$_\r\n" } @args;
    }
    exit 0;
}

my %body_of = (
    kvstore => sub {
        my @keys = @_;
        my $expiry = defined $ttl ? qq(,"ttl":$ttl) : '';
        my $ops = join ',', map { qq({"op":"set","key":"$_","value":$VALUE$expiry}) } @keys;
        return ('/_batch', qq({"atomic":true,"ops":[$ops]}));
    },
    etcd => sub {
        my @keys = @_;
        my $value = encode_base64($VALUE, '');
        my $puts = join ',',
          map { '{"request_put":{"key":"' . encode_base64($_, '') . qq(","value":"$value"}}) } @keys;
        return ('/v3/kv/txn', qq({"compare":[],"success":[$puts]}));
    },
);
my $make_body = $body_of{$peer} or die "preload.pl: unknown peer $peer\n";

# A kvstore batch answers 200 with one result per op; every op must have succeeded.
sub check_answer {
    my ($response, $keys) = @_;
    die "preload.pl: $peer answered $response->{status}: " . substr($response->{content} // '', 0, 300) . "\n"
      unless $response->{success};
    if ($peer eq 'kvstore') {
        my $ok = () = $response->{content} =~ /"status":20[01]\b/g;
        die "preload.pl: kvstore batch: $ok of $keys ops succeeded\n" unless $ok == $keys;
    } elsif ($response->{content} !~ /"succeeded":true/) {
        die "preload.pl: etcd txn did not succeed: " . substr($response->{content}, 0, 300) . "\n";
    }
}

my $batches = int(($count + $OPS_PER_REQUEST - 1) / $OPS_PER_REQUEST);
my @children;
for my $worker (0 .. $WORKERS - 1) {
    my $pid = fork() // die "preload.pl: fork: $!\n";
    if ($pid) { push @children, $pid; next; }
    my $http = HTTP::Tiny->new(timeout => $TIMEOUT_SECONDS, keep_alive => 1);
    for (my $b = $worker; $b < $batches; $b += $WORKERS) {
        my $first = $b * $OPS_PER_REQUEST;
        my $last = $first + $OPS_PER_REQUEST - 1;
        $last = $count - 1 if $last > $count - 1;
        my @keys = map { "$prefix$_" } $first .. $last;
        my ($path, $body) = $make_body->(@keys);
        my $response = $http->request('POST', "http://127.0.0.1:$port$path",
            { headers => { 'Content-Type' => 'application/json' }, content => $body });
        check_answer($response, scalar @keys);
    }
    exit 0;
}
my $failed = 0;
for my $pid (@children) {
    waitpid($pid, 0);
    $failed = 1 if $? != 0;
}
exit $failed;
