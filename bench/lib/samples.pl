#!/usr/bin/perl
# Reads `jfr print --events jdk.ExecutionSample`, or async-profiler's collapsed stacks (one line a
# stack, outermost frame first: `a/B.m;c/D.n 12`), and prints two Markdown tables: CPU samples by
# the innermost frame of a known layer, and the methods with the most samples of their own.
use strict;
use warnings;

# Layer name => package prefixes, tried in this order for each frame from the top of the stack.
my @layers = (
  [ 'kvstore (dev.kvstore)'                     => qr/^dev\.kvstore\./ ],
  [ 'Derby'                                     => qr/^org\.apache\.derby\./ ],
  [ 'PostgreSQL driver'                         => qr/^org\.postgresql\./ ],
  [ 'EclipseLink (JPA)'                         => qr/^org\.eclipse\.persistence\./ ],
  [ 'connection pool, JDBC wrappers'            => qr/^com\.sun\.(gjc|enterprise\.(resource|connectors))\./ ],
  [ 'transactions (JTA)'                        => qr/^com\.sun\.(enterprise\.transaction|jts)\./ ],
  [ 'security (Soteria, JASPIC, JACC, realms)'  => qr/^(org\.glassfish\.(soteria|exousia)|com\.sun\.enterprise\.security|org\.glassfish\.epicyro|com\.sun\.jaspic|fish\.payara\.security|org\.glassfish\.security)\./ ],
  [ 'EJB container'                             => qr/^(com\.sun\.ejb|org\.glassfish\.ejb)\./ ],
  [ 'CDI (Weld)'                                => qr/^org\.jboss\.weld\./ ],
  [ 'JAX-RS (Jersey)'                           => qr/^org\.glassfish\.jersey\./ ],
  [ 'JSON-P, JSON-B'                            => qr/^(org\.eclipse\.(parsson|yasson)|org\.glassfish\.json)\./ ],
  [ 'MicroProfile (metrics, config, ...)'       => qr/^fish\.payara\.(microprofile|nucleus\.microprofile)\./ ],
  [ 'servlet container, HTTP (Catalina, Grizzly)' => qr/^(org\.apache\.catalina|org\.apache\.coyote|com\.sun\.enterprise\.web|org\.glassfish\.grizzly)\./ ],
  [ 'other Payara / GlassFish'                  => qr/^(fish\.payara|org\.glassfish|com\.sun\.enterprise|org\.jvnet\.hk2)\./ ],
);

my ( %by_layer, %self, $total, @frames, $in_stack );
sub finish {
  my ($weight) = @_;
  return unless @frames;
  $total += $weight;
  $self{ $frames[0] } += $weight;
  my $layer = 'JDK and other';
FRAME: for my $frame (@frames) {
    for my $candidate (@layers) {
      if ( $frame =~ $candidate->[1] ) { $layer = $candidate->[0]; last FRAME }
    }
  }
  $by_layer{$layer} += $weight;
  @frames = ();
}
while (<>) {
  if (/^(\S.*) (\d+)$/) {    # collapsed: a Java frame is `pkg/Class.method`, native ones are not
    @frames = reverse map { s{/}{.}gr } split /;/, $1;
    finish($2);
    next;
  }
  if (/^\s*stackTrace = \[/) { $in_stack = 1; next }
  if ( $in_stack && /^\s*\]/ ) { $in_stack = 0; finish(1); next }
  if ( $in_stack && /^\s*(\S+)\(/ ) { push @frames, $1 }
}
finish(1);
die "no CPU samples\n" unless $total;

printf "| layer (innermost known frame) | share of %d CPU samples |\n|---|---:|\n", $total;
printf "| %s | %.1f %% |\n", $_, 100 * $by_layer{$_} / $total
  for sort { $by_layer{$b} <=> $by_layer{$a} } keys %by_layer;
print "\n| method, own CPU | share |\n|---|---:|\n";
my @top = ( sort { $self{$b} <=> $self{$a} } keys %self )[ 0 .. 24 ];
printf "| %s | %.1f %% |\n", $_, 100 * $self{$_} / $total for grep { defined } @top;
