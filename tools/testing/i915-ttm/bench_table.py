#!/usr/bin/env python3
"""Make the table of `make bench` from the console logs of its two boots.

The in-kernel bench (bench/i915_ttm_bench.c) prints one line per figure:

	i915-ttm-bench: result <name> <amount> <bytes|ops> <ns> <ns> ...

with one time per repetition. parse() turns log lines into figures and
table() turns the figures of the base and the series into rows; both are
pure functions, tested by bench_table_test.py against saved logs.
Every ratio is computed from medians measured in the same run.
"""

import argparse
import re
import statistics
import sys

RESULT = re.compile(r'i915-ttm-bench: result (\S+) (\d+) (bytes|ops)((?: \d+)+)\s*$')
MIB = 1 << 20


class Figure:
	def __init__(self, amount, unit, times):
		self.amount = amount
		self.unit = unit
		self.times = times

	def median_ns(self):
		return statistics.median(self.times)

	def values(self):
		"""Per-repetition values in the figure's display unit."""
		if self.unit == 'bytes':	# MiB/s
			return [self.amount / MIB / (t / 1e9) for t in self.times]
		return [t / self.amount / 1000 for t in self.times]	# us per op


def parse(lines):
	"""Figures by name from console log lines; the last run of a name wins."""
	figures = {}
	for line in lines:
		m = RESULT.search(line)
		if m:
			times = [int(t) for t in m.group(4).split()]
			if min(times) <= 0:
				continue
			figures[m.group(1)] = Figure(int(m.group(2)), m.group(3), times)
	return figures


def fmt(fig):
	if fig is None:
		return 'missing'
	v = fig.values()
	return '%.1f [%.1f..%.1f]' % (statistics.median(v), min(v), max(v))


def unit(fig):
	return 'MiB/s' if fig is not None and fig.unit == 'bytes' else 'us/op'


def time_ratio(fast, slow):
	"""How many times `fast`'s work fits in `slow`'s time (>1: faster)."""
	if fast is None or slow is None:
		return None
	return slow.median_ns() / fast.median_ns()


def eviction_cost(figs, n, kind):
	"""Median time per allocation in full LMEM less that with room: the
	eviction itself, in ns; None if missing or not above the noise."""
	full, room = figs.get('full.%dk%s' % (n, kind)), figs.get('room.%dk%s' % (n, kind))
	if full is None or room is None:
		return None
	cost = full.median_ns() / full.amount - room.median_ns() / room.amount
	return cost if cost > 0 else None


def none_div(a, b):
	return None if a is None or b is None else a / b


GOALS = {'>=': lambda r, g: r >= g, '<=': lambda r, g: r <= g}


def table(base, series):
	"""Rows (figure, base, series, unit) and ratios (name, value, op, goal)."""
	rows = []
	ratios = []

	def row(label, name, on_base=False):
		fig = series.get(name)
		rows.append((label, fmt(base.get(name)) if on_base else '-', fmt(fig), unit(fig)))

	def ratio(label, value, op=None, goal=None):
		ratios.append((label, value, op, goal))

	row('evict LMEM->SYSTEM (TTM, one 16 MiB BO)', 'evict.ttm')
	row('  plain memcpy_fromio, same bytes', 'evict.memcpy')
	row('  movntdqa reads, same bytes', 'read.movntdqa')
	row('restore SYSTEM->LMEM (TTM)', 'restore.ttm')
	row('  plain memcpy_toio, same bytes', 'restore.memcpy')
	row('  alloc_page + __free_page, as many pages', 'pages.alloc_free')
	ev, rs = series.get('evict.ttm'), series.get('restore.ttm')
	mf, mt = series.get('evict.memcpy'), series.get('restore.memcpy')
	cycle = None
	if None not in (ev, rs, mf, mt):
		cycle = (mf.median_ns() + mt.median_ns()) / (ev.median_ns() + rs.median_ns())
	ratio('evict+restore vs plain memcpy, same bytes', cycle, '>=', 0.9)
	ratio('  evict vs memcpy_fromio', time_ratio(ev, mf))
	ratio('  restore vs memcpy_toio', time_ratio(rs, mt))
	ratio('  movntdqa vs memcpy_fromio reads', time_ratio(series.get('read.movntdqa'), mf))
	pa = series.get('pages.alloc_free')
	ratio('  evict+restore vs plain memcpy + getting the pages',
	      None if None in (ev, rs, mf, mt, pa) else
	      (mf.median_ns() + mt.median_ns() + pa.median_ns()) / (ev.median_ns() + rs.median_ns()))

	kinds = (('', 'no pins'), ('.pinned-longterm', '+1k long-term pins'),
			 ('.pinned-shortterm', '+1k short-term pins'))
	for kind, label in kinds:
		for n in (1, 10, 100):
			row('alloc in full LMEM, %dk objects, %s' % (n, label), 'full.%dk%s' % (n, kind))
			row('  the same with room (no eviction)', 'room.%dk%s' % (n, kind))
	for kind, label, goal in (('', 'no pins', 1.5), ('.pinned-longterm', '1k long-term pins', 1.5),
							  ('.pinned-shortterm', '1k short-term pins (for contrast)', None)):
		cost = {n: eviction_cost(series, n, kind) for n in (1, 100)}
		r = None if None in cost.values() else cost[100] / cost[1]
		ratio('eviction cost at 100k / at 1k objects, %s' % label, r,
			  '<=' if goal else None, goal)
		ratio('  allocation cost in full LMEM, 100k / 1k',
			  time_ratio(series.get('full.1k' + kind), series.get('full.100k' + kind)))
	ratio('  1k objects: short-term / long-term pinned eviction cost',
		  none_div(eviction_cost(series, 1, '.pinned-shortterm'),
				   eviction_cost(series, 1, '.pinned-longterm')))

	for k in (4, 16, 64):
		name = 'small.%dk' % k
		row('create+get_pages+put_pages+free, %d KiB' % k, name, on_base=True)
		ratio('series vs base speed, %d KiB objects' % k,
			  time_ratio(series.get(name), base.get(name)), '>=', 1.0)

	row('clear a new object (TTM copy loop, no source)', 'clear.ttm')
	row('  memset_io, same bytes', 'clear.memset')
	ratio('clear vs memset_io', time_ratio(series.get('clear.ttm'), series.get('clear.memset')),
		  '>=', 0.9)

	row('evict a DONTNEED 16 MiB object (purge)', 'purge.dontneed')
	row('evict a WILLNEED 16 MiB object (copy)', 'purge.willneed')
	pd, pw = series.get('purge.dontneed'), series.get('purge.willneed')
	ratio('purge time / eviction time (no copy: far below 1)',
		  None if None in (pd, pw) else pd.median_ns() / pw.median_ns(), '<=', 0.1)

	row('swapout of one object, no never-populated BOs on the LRU', 'swapout.plain')
	row('  10k never-populated BOs on the LRU, first swapout', 'swapout.unpopulated.first')
	row('  the same, the swapout after it', 'swapout.unpopulated.next')
	sp, sf, sn = (series.get('swapout.' + k) for k in ('plain', 'unpopulated.first',
							       'unpopulated.next'))
	ratio('swapout with 10k never-populated BOs on the LRU / without',
	      None if None in (sp, sn) else sn.median_ns() / sp.median_ns(), '<=', 1.5)
	ratio('  first swapout that meets them / the next (each did before)',
	      None if None in (sf, sn) else sf.median_ns() / sn.median_ns())
	return rows, ratios


def render(rows, ratios):
	out = ['%-60s %-24s %-24s %s' % ('figure (median [min..max] of 5)', 'base', 'series', 'unit')]
	out += ['%-60s %-24s %-24s %s' % r for r in rows]
	out.append('')
	out.append('%-60s %8s  %s' % ('ratio (from medians of this run)', 'value', 'goal'))
	missed = 0
	for label, value, op, goal in ratios:
		if value is None:
			out.append('%-60s %8s  %s' % (label, 'missing', ''))
			missed += 1
			continue
		g = ''
		if op:
			ok = GOALS[op](value, goal)
			missed += not ok
			g = '%s %.2f: %s' % (op, goal, 'met' if ok else 'NOT MET')
		out.append('%-60s %8.2f  %s' % (label, value, g))
	return out, missed


def main(argv=None):
	ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	ap.add_argument('base_log')
	ap.add_argument('series_log')
	args = ap.parse_args(argv)
	with open(args.base_log, errors='replace') as f:
		base = parse(f)
	with open(args.series_log, errors='replace') as f:
		series = parse(f)
	rows, ratios = table(base, series)
	out, missed = render(rows, ratios)
	print('\n'.join(out))
	print('bench: %d goals not met (a report, not a failure)' % missed)
	return 1 if any(value is None for _, value, _, _ in ratios) else 0


if __name__ == '__main__':
	sys.exit(main())
