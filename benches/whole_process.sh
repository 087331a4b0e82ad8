#!/bin/bash
# Whole-process figures of the README's corpus cache table, side by side in one run.
# Usage: benches/whole_process.sh [BIN]   (default target/release/chronique)
# Needs the corpora of the README (chronique generate ... /tmp/q100k and /tmp/w10k) and fzf.
# Each figure is the median of interleaved runs; the cache lives in a temporary XDG_CACHE_HOME.
B=${1:-target/release/chronique}
export XDG_CACHE_HOME=$(mktemp -d)
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
[ -f /tmp/quotes.txt ] || grep -h '^    text: ' /tmp/q100k/articles/*.md | sed 's/^    text: "//; s/"$//' > /tmp/quotes.txt
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# search vs fzf, warm
$B search --corpus /tmp/q100k --kind quote paris gouvernement >/dev/null
: > ${TMPDIR:-/tmp}/chronique-m.ours; : > ${TMPDIR:-/tmp}/chronique-m.fzf
for i in 1 2 3 4 5 6 7; do
  /usr/bin/time -a -o ${TMPDIR:-/tmp}/chronique-m.ours -f "%e %U %S" $B search --corpus /tmp/q100k --kind quote paris gouvernement >/dev/null
  /usr/bin/time -a -o ${TMPDIR:-/tmp}/chronique-m.fzf -f "%e %U %S" fzf --filter "paris gouvernement" < /tmp/quotes.txt >/dev/null
done
for f in ours fzf; do
  echo "search $f: wall $(awk '{print $1}' ${TMPDIR:-/tmp}/chronique-m.$f | med)  cpu $(awk '{print $2+$3}' ${TMPDIR:-/tmp}/chronique-m.$f | med)"
done
# cache write cost: search on an empty cache vs --no-cache, w10k
: > ${TMPDIR:-/tmp}/chronique-m.write; : > ${TMPDIR:-/tmp}/chronique-m.nocache
for i in 1 2 3; do
  rm -rf "$XDG_CACHE_HOME/chronique"
  /usr/bin/time -a -o ${TMPDIR:-/tmp}/chronique-m.write -f "%e %U %S %M" $B search --corpus /tmp/w10k paris >/dev/null
  /usr/bin/time -a -o ${TMPDIR:-/tmp}/chronique-m.nocache -f "%e %U %S %M" $B search --no-cache --corpus /tmp/w10k paris >/dev/null
done
for f in write nocache; do
  echo "w10k search cold $f: wall $(awk '{print $1}' ${TMPDIR:-/tmp}/chronique-m.$f | med)  cpu $(awk '{print $2+$3}' ${TMPDIR:-/tmp}/chronique-m.$f | med)  maxrss_kb $(awk '{print $4}' ${TMPDIR:-/tmp}/chronique-m.$f | med)"
done
# reader: warm and cold start to the first frame with everything searchable, peak RSS
$B search --corpus /tmp/w10k paris >/dev/null
: > ${TMPDIR:-/tmp}/chronique-m.rwarm; : > ${TMPDIR:-/tmp}/chronique-m.rcold
for i in 1 2 3; do
  /usr/bin/time -a -o ${TMPDIR:-/tmp}/chronique-m.rwarm -f "%e %U %S %M" script -qc "$B --exit-after-first-frame /tmp/w10k" /dev/null >/dev/null
  /usr/bin/time -a -o ${TMPDIR:-/tmp}/chronique-m.rcold -f "%e %U %S %M" script -qc "$B --no-cache --exit-after-first-frame /tmp/w10k" /dev/null >/dev/null
done
for f in rwarm rcold; do
  echo "reader $f: wall $(awk '{print $1}' ${TMPDIR:-/tmp}/chronique-m.$f | med)  cpu $(awk '{print $2+$3}' ${TMPDIR:-/tmp}/chronique-m.$f | med)  maxrss_kb $(awk '{print $4}' ${TMPDIR:-/tmp}/chronique-m.$f | med)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$XDG_CACHE_HOME"
