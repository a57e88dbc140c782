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


def eviction_cost(figs, key):
	"""Median time per allocation in full LMEM less that with room: the
	eviction itself, in ns; None if missing or not above the noise."""
	full, room = figs.get('full.' + key), figs.get('room.' + key)
	if full is None or room is None:
		return None
	cost = full.median_ns() / full.amount - room.median_ns() / room.amount
	return cost if cost > 0 else None


def none_div(a, b):
	return None if a is None or b is None else a / b


def per_op(fig):
	return None if fig is None else fig.median_ns() / fig.amount


# A goal is what the series aims at and may miss; a check is a figure
# that cannot miss unless something is broken (a purge that copies).
GOALS = {'>=': lambda r, g: r >= g, '<=': lambda r, g: r <= g}


def table(base, series):
	"""Rows (figure, base, series, unit) and ratios (name, value, op, goal,
	kind), kind 'goal' or 'check' (op and goal None: shown only)."""
	rows = []
	ratios = []

	def row(label, name, on_base=False):
		fig = series.get(name)
		rows.append((label, fmt(base.get(name)) if on_base else '-', fmt(fig), unit(fig)))

	def ratio(label, value, op=None, goal=None, kind='goal'):
		ratios.append((label, value, op, goal, kind))

	# Eviction and restore, each against the routine it copies with.
	row('evict LMEM->SYSTEM (TTM, one 16 MiB BO)', 'evict.ttm')
	row('  movntdqa reads (the eviction\'s routine), same bytes', 'read.movntdqa')
	row('  plain memcpy_fromio, same bytes', 'evict.memcpy')
	row('restore SYSTEM->LMEM (TTM)', 'restore.ttm')
	row('  memcpy_toio (the restore\'s routine), same bytes', 'restore.memcpy')
	row('  alloc_page + __free_page, as many pages', 'pages.alloc_free')
	row('  populate + unpopulate a tt through the driver, no copy', 'tt.populate_unpopulate')
	row('  the same through TTM\'s pool, as other drivers do', 'tt.pool_populate_unpopulate')
	row('  TTM\'s per-page accounting alone, as many pages', 'tt.accounting')
	ev, rs = series.get('evict.ttm'), series.get('restore.ttm')
	nt, mf, mt = series.get('read.movntdqa'), series.get('evict.memcpy'), series.get('restore.memcpy')
	cycle = None
	if None not in (ev, rs, nt, mt):
		cycle = (nt.median_ns() + mt.median_ns()) / (ev.median_ns() + rs.median_ns())
	ratio('evict+restore vs the same routines\' copies, same bytes', cycle, '>=', 0.9)
	ratio('  evict vs movntdqa reads', time_ratio(ev, nt))
	ratio('  restore vs memcpy_toio', time_ratio(rs, mt))
	ratio('  evict+restore vs plain memcpy_fromio + memcpy_toio',
	      None if None in (ev, rs, mf, mt) else
	      (mf.median_ns() + mt.median_ns()) / (ev.median_ns() + rs.median_ns()))
	ratio('  movntdqa vs memcpy_fromio reads', time_ratio(nt, mf))
	# Where the time besides the copies goes, as shares of evict+restore.
	both = None if None in (ev, rs) else ev.median_ns() + rs.median_ns()
	for label, name in (('  share of evict+restore: populate + unpopulate', 'tt.populate_unpopulate'),
						('  share of evict+restore: TTM\'s accounting', 'tt.accounting'),
						('  share of evict+restore: alloc_page + __free_page', 'pages.alloc_free')):
		fig = series.get(name)
		ratio(label, None if None in (fig, both) else fig.median_ns() / both)
	ratio('  populate + unpopulate: the driver\'s speed vs TTM\'s pool',
	      time_ratio(series.get('tt.populate_unpopulate'),
			 series.get('tt.pool_populate_unpopulate')))

	for n in (1, 10, 100):
		row('alloc in full LMEM, %dk resident objects' % n, 'full.%dk' % n)
		row('  the same with room (no eviction)', 'room.%dk' % n)
	cost = {n: eviction_cost(series, '%dk' % n) for n in (1, 100)}
	ratio('eviction cost at 100k / at 1k resident objects',
	      None if None in cost.values() else cost[100] / cost[1], '<=', 1.5)
	ratio('  allocation cost in full LMEM, 100k / 1k',
	      time_ratio(series.get('full.1k'), series.get('full.100k')))
	for kind, label in (('longterm', 'long-term'), ('shortterm', 'short-term')):
		for n in (100, 1000, 10000):
			row('alloc in full LMEM, 1k resident + %d %s-pinned' % (n, label),
				'full.pins%d.%s' % (n, kind))
			row('  the same with room (no eviction)', 'room.pins%d.%s' % (n, kind))
	for kind, label, goal in (('longterm', 'long-term', 1.5),
							  ('shortterm', 'short-term (on the LRU: for contrast)', None)):
		cost = {n: eviction_cost(series, 'pins%d.%s' % (n, kind)) for n in (100, 10000)}
		ratio('eviction cost with 10k / with 100 %s pins' % label,
			  None if None in cost.values() else cost[10000] / cost[100],
			  '<=' if goal else None, goal)

	for k in (4, 16, 64):
		name = 'small.%dk' % k
		row('create+get_pages+put_pages+free, %d KiB, no memory' % k, name, on_base=True)
		ratio('series vs base speed, %d KiB objects, no memory' % k,
			  time_ratio(series.get(name), base.get(name)), '>=', 1.0)
	for k in (4, 16, 64):
		row('the same on the BAR, %d KiB, new objects cleared' % k, 'small-bar.%dk' % k)
		row('  memset_io of as many bytes', 'small-bar.memset.%dk' % k)
		sb, ms, b = (per_op(f) for f in (series.get('small-bar.%dk' % k),
										 series.get('small-bar.memset.%dk' % k),
										 base.get('small.%dk' % k)))
		ratio('series on the BAR vs base + memset_io, %d KiB objects' % k,
			  None if None in (sb, ms, b) else (b + ms) / sb, '>=', 0.9)

	row('clear a new object (TTM copy loop, no source)', 'clear.ttm')
	row('  memset_io, same bytes', 'clear.memset')
	ratio('clear vs memset_io', time_ratio(series.get('clear.ttm'), series.get('clear.memset')),
		  '>=', 0.9, 'check')

	row('evict a DONTNEED 16 MiB object (purge)', 'purge.dontneed')
	row('evict a WILLNEED 16 MiB object (copy)', 'purge.willneed')
	pd, pw = series.get('purge.dontneed'), series.get('purge.willneed')
	ratio('purge time / eviction time (no copy: far below 1)',
		  None if None in (pd, pw) else pd.median_ns() / pw.median_ns(), '<=', 0.1, 'check')

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


VM = re.compile(r'^vm\.sh: accel (\S+), cpu (\S+)')
CPU = re.compile(r'smpboot: CPU0: (.*?)(?: \(family:.*)?$')


def machine(console, qemu):
	"""'accelerator, guest CPU' from a boot's console log and vm.sh's .qemu
	file (lines; either may be empty)."""
	accel = cpu = None
	for line in qemu:
		m = VM.search(line)
		if m:
			accel = '%s (-cpu %s)' % m.groups()
	for line in console:
		m = CPU.search(line.rstrip())
		if m:
			cpu = m.group(1).strip()
	return 'accelerator: %s; guest CPU: %s' % (accel or 'unknown', cpu or 'unknown')


def render(rows, ratios, header=None):
	out = [header] if header else []
	out.append('%-60s %-24s %-24s %s' % ('figure (median [min..max] of 5)', 'base', 'series', 'unit'))
	out += ['%-60s %-24s %-24s %s' % r for r in rows]
	out.append('')
	out.append('%-60s %8s  %s' % ('ratio (from medians of this run)', 'value', 'goal or check'))
	missed = failed = 0
	for label, value, op, goal, kind in ratios:
		if value is None:
			out.append('%-60s %8s  %s' % (label, 'missing', ''))
			missed += 1
			continue
		g = ''
		if op:
			ok = GOALS[op](value, goal)
			if kind == 'check':
				failed += not ok
				g = 'check %s %.2f: %s' % (op, goal, 'ok' if ok else 'FAILED')
			else:
				missed += not ok
				g = '%s %.2f: %s' % (op, goal, 'met' if ok else 'NOT MET')
		out.append('%-60s %8.2f  %s' % (label, value, g))
	return out, missed, failed


def main(argv=None):
	ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	ap.add_argument('base_log')
	ap.add_argument('series_log')
	args = ap.parse_args(argv)
	with open(args.base_log, errors='replace') as f:
		base = parse(f)
	with open(args.series_log, errors='replace') as f:
		console = f.readlines()
	series = parse(console)
	try:
		with open(args.series_log + '.qemu', errors='replace') as f:
			qemu = f.readlines()
	except OSError:
		qemu = []
	rows, ratios = table(base, series)
	out, missed, failed = render(rows, ratios, machine(console, qemu))
	print('\n'.join(out))
	print('bench: %d goals not met, %d checks failed (a report, not a failure)' % (missed, failed))
	return 1 if any(r[1] is None for r in ratios) else 0


if __name__ == '__main__':
	sys.exit(main())
