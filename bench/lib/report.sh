# shellcheck shell=bash
# The Markdown tables of the results. Sourced by bench/run.
#
# $WORK/labels      one peer label a line, in the order the peers ran
# $WORK/results.tsv workload, label, run, req/s, p50 ms, p99 ms, socket errors, non-2xx
# $WORK/rss.tsv     workload, label, max RSS in MB during the measured runs
# $WORK/gc.tsv      workload, label, a JVM's collections during the measured runs (gc_pauses)

# kvstore runs on embedded Derby unless KV_DB_URL names a PostgreSQL database (README), which the
# server it starts inherits: its label in the tables, and its backend in the settings (the URL
# without its query string, where a password could be)
if [[ -n ${KV_DB_URL:-} ]]; then
  KVSTORE_LABEL="kvstore (PostgreSQL)"
  KVSTORE_BACKEND="on PostgreSQL (\`KV_DB_URL=${KV_DB_URL%%\?*}\`, an empty database; RSS is kvstore's JVM alone)"
else
  KVSTORE_LABEL="kvstore (Derby)"
  KVSTORE_BACKEND="on embedded Derby (fresh data directory)"
fi

# workload_table WORKLOAD: one row per peer; for INCR, a peer without it gets "n/a" and its
# hot-key SET for comparison.
workload_table() {
  awk -F '\t' -v w="$1" -v kvlabel="$KVSTORE_LABEL" '
    function thousands(x,   s) {
      s = sprintf("%d", x + 0.5)
      while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
      return s
    }
    function row(name, k, mem, pauses,   ratio) {
      ratio = (name == kvlabel) ? "—" : (kv > 0 && best[k] > 0 ? sprintf("%.2f", kv / best[k]) : "n/a")
      printf "| %s | %s | %s | %.2f | %.2f | %d | %d | %s | %s | %s |\n", name, runs[k], thousands(best[k]),
        p50[k], p99[k], err[k], non2xx[k], (mem == "" ? "?" : mem), (pauses == "" ? "?" : pauses), ratio
    }
    FNR == 1 { file++ }
    file == 1 { labels[++n] = $1; next }
    file == 2 { rss[$1, $2] = $3; next }
    file == 3 { gc[$1, $2] = $3; next }
    {
      k = $1 SUBSEP $2
      runs[k] = runs[k] (runs[k] == "" ? "" : " · ") thousands($4)
      if (!(k in best) || $4 > best[k]) { best[k] = $4; p50[k] = $5; p99[k] = $6 }
      err[k] += $7; non2xx[k] += $8
    }
    END {
      kv = best[w, kvlabel]
      print "| Peer | req/s, each run | best req/s | p50 ms | p99 ms | errors | non-2xx | RSS MB | GC s: young · full (n) | kvstore / peer (req/s) |"
      print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        l = labels[i]
        if ((w, l) in best) row(l, w SUBSEP l, rss[w, l], gc[w, l])
        else if (w == "incr" && ("set-hot", l) in best) {
          print "| " l " | n/a (no INCR) | | | | | | | | |"
          row(l ": PUT of the hot key (workload 2) instead", "set-hot" SUBSEP l, rss["set-hot", l], gc["set-hot", l])
        }
      }
    }' "$WORK/labels" "$WORK/rss.tsv" "$WORK/gc.tsv" "$WORK/results.tsv"
}

# sweep_table: the GET slices of the expiry-sweep scenario ($WORK/sweep.tsv: slice, from s, to s,
# req/s, p50, p99, socket errors, non-2xx, the sweep overlapping it or "", gc_pauses).
sweep_table() {
  echo "| Slice | seconds | req/s | p50 ms | p99 ms | errors | non-2xx | GC s: young · full (n) | expiry sweep during the slice |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---|"
  awk -F '\t' '{ printf "| %d | %d–%d | %d | %.2f | %.2f | %d | %d | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $10, $9 }' \
    "$WORK/sweep.tsv"
}
