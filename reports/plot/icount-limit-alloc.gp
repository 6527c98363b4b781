# Median instructions per call against regions: mode icount, workload limit, op alloc.
# Written by tools/bench_report.c.  To re-plot, from the report directory:
#   gnuplot plot/icount-limit-alloc.gp
reset
set terminal svg size 800,500 dynamic enhanced
set output 'icount-limit-alloc.svg'
set title 'limit alloc, mode icount: median cost per op (lower is better)' noenhanced
set xlabel 'regions N (log scale)' noenhanced
set ylabel 'instructions per call, median (log scale)' noenhanced
set logscale xy
set xtics ('16' 16, '64' 64, '256' 256, '1024' 1024, '4096' 4096, '16384' 16384, '65536' 65536)
set xrange [10.6667:98304]
set format y '%.0s%c'
set grid
set key left top opaque
plot 'plot/icount-limit-alloc.dat' using 1:2 with linespoints lw 2 title 'linear/linear (Linux 4.12)' noenhanced, \
     '' using 1:3 with linespoints lw 2 title 'linear/binary' noenhanced, \
     '' using 1:4 with linespoints lw 2 title 'binary/linear' noenhanced, \
     '' using 1:5 with linespoints lw 2 title 'binary/binary' noenhanced, \
     '' using 1:6 with linespoints lw 2 title 'gaptree/linear' noenhanced, \
     '' using 1:7 with linespoints lw 2 title 'gaptree/binary' noenhanced
unset output
