# strip-trace.awk: a C file of mm/ with every trace point deleted, as if
# mm/memblock_trace.h had never been written (tools/trace-zero-cost.sh).
#
# The include of memblock_trace.h goes; each statement that starts with
# trace_memblock_call( or trace_memblock_step( goes, up to the ';' that
# ends it (trace points pass no strings, so counting parentheses is
# enough); trace_memblock_ret(x) becomes (x).

/^#include "memblock_trace\.h"$/ { next }

!in_point && /^[ \t]*trace_memblock_(call|step)\(/ { in_point = 1; depth = 0 }

in_point {
	depth += gsub(/\(/, "(") - gsub(/\)/, ")")
	if (depth == 0 && /;[ \t]*$/)
		in_point = 0
	next
}

{
	gsub(/trace_memblock_ret\(/, "(")
	print
}

END {
	if (in_point) {
		print FILENAME ": a trace point does not end" > "/dev/stderr"
		exit 1
	}
}
