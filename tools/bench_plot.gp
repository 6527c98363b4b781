# Every plot of reports/bench.md, from reports/summary.csv (written by
# tools/bench_report.c): one SVG per mode, workload and op, x the number of
# regions, y the value per call, both log scale; one line per group of
# combinations that run identical code (the legend names them all:
# "*/binary" is every find strategy with the binary update path), with
# bars from the smallest to the largest sample.
#
#   gnuplot -e "dir='reports'" tools/bench_plot.gp

if (!exists("dir")) dir = "reports"
csv = dir . "/summary.csv"
set datafile separator ","

# awk's program, quoted for the shell: rows of plot p (and line l)
rows(p) = sprintf("awk -F, -v p='%s' 'NR > 1 && $1 == p' '%s'", p, csv)
plots = system(sprintf("awk -F, 'NR > 1 && !seen[$1]++ { print $1 }' '%s'", csv))

set terminal svg size 800,500 dynamic enhanced font "sans,11"
set logscale xy
set grid
set key left top opaque noenhanced
set format y "%.0s%c"
set bars small

do for [p in plots] {
	unit = system(rows(p) . " | awk -F, 'NR == 1 { print $2 }'")
	lines = system(rows(p) . " | awk -F, '!seen[$3]++ { print $3 }'")
	xs = system(rows(p) . " | awk -F, '!seen[$4]++ { print $4 }' | sort -n")
	set output dir . "/" . p . ".svg"
	set title p . ": cost per call, lower is better; bars: min to max\n" . \
		"linear/linear is Linux 4.12; names joined by = (or a *) run identical code" noenhanced
	set xlabel "regions N (log scale)"
	set ylabel unit . " per call (log scale)" noenhanced
	set xtics () 
	do for [x in xs] { set xtics add (x x) }
	set xrange [word(xs, 1) / 1.5 : word(xs, words(xs)) * 1.5]
	plot for [l in lines] "< " . rows(p) . sprintf(" | awk -F, -v l='%s' '$3 == l'", l) \
		using 4:5:6:7 with yerrorlines lw 2 \
		title (strstrt(l, "linear/linear") == 1 ? l . " (Linux 4.12)" : l)
	unset output
}
