#!/usr/bin/env python3
"""Tests of bench_table.py on saved bench logs (test_data/bench-*.log)."""

import io
import os
import contextlib
import unittest

import bench_table

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test_data')


def load(name):
	with open(os.path.join(DATA, name)) as f:
		return bench_table.parse(f)


class Parse(unittest.TestCase):
	def test_base_has_only_small_objects(self):
		base = load('bench-base.log')
		self.assertEqual(sorted(base), ['small.16k', 'small.4k', 'small.64k'])
		self.assertEqual(len(base['small.4k'].times), 5)

	def test_series_has_every_figure(self):
		series = load('bench-series.log')
		for name in ('evict.ttm', 'evict.memcpy', 'restore.ttm', 'restore.memcpy',
					 'read.movntdqa', 'tt.populate_unpopulate', 'tt.pool_populate_unpopulate',
					 'tt.accounting',
					 'clear.ttm', 'clear.memset', 'purge.dontneed', 'purge.willneed',
					 'full.100k', 'room.1k', 'full.pins10000.longterm',
					 'room.pins100.shortterm', 'small-bar.64k', 'small-bar.memset.4k',
					 'swapout.plain', 'swapout.unpopulated.first',
					 'swapout.unpopulated.next'):
			self.assertIn(name, series)

	def test_units(self):
		fig = bench_table.parse(['[ 1.0] i915-ttm-bench: result x 1048576 bytes 1000000000 '
								 '2000000000 500000000 1000000000 1000000000'])['x']
		self.assertEqual(sorted(fig.values()), [0.5, 1.0, 1.0, 1.0, 2.0])
		fig = bench_table.parse(['i915-ttm-bench: result y 10 ops 20000 20000 20000 20000 40000'])['y']
		self.assertEqual(fig.values()[-1], 4.0)

	def test_garbage_and_zero_times_ignored(self):
		self.assertEqual(bench_table.parse([
			'i915-ttm-bench: result x 10 ops 0 1 1 1 1',
			'i915-ttm-bench: result y 10 furlongs 1 1 1 1 1',
			'i915-ttm-bench: progress small objects']), {})


class Table(unittest.TestCase):
	def ratios(self, base, series):
		return {r[0].strip(): r for r in bench_table.table(base, series)[1]}

	def test_saved_run(self):
		ratios = self.ratios(load('bench-base.log'), load('bench-series.log'))
		for label, (_, value, op, goal, kind) in ratios.items():
			self.assertIsNotNone(value, label)
		# Purging copies nothing: far faster than an eviction.
		self.assertLess(ratios['purge time / eviction time (no copy: far below 1)'][1], 0.1)

	def test_ratio_from_medians(self):
		line = 'i915-ttm-bench: result small.4k 100 ops %s'
		base = bench_table.parse([line % '200 200 200 900 100'])
		series = bench_table.parse([line % '100 100 100 1 1000'])
		r = self.ratios(base, series)['series vs base speed, 4 KiB objects, no memory']
		self.assertEqual(r[1], 2.0)

	def test_eviction_against_its_own_routine(self):
		res = 'i915-ttm-bench: result %s 1 bytes %s'
		series = bench_table.parse([res % ('evict.ttm', '30 30 30 30 30'),
									res % ('restore.ttm', '10 10 10 10 10'),
									res % ('read.movntdqa', '26 26 26 26 26'),
									res % ('evict.memcpy', '90 90 90 90 90'),
									res % ('restore.memcpy', '10 10 10 10 10')])
		r = self.ratios({}, series)
		# Against movntdqa (its routine), not the slower plain reads.
		self.assertAlmostEqual(r["evict+restore vs the same routines' copies, same bytes"][1], 0.9)
		self.assertAlmostEqual(r['evict+restore vs plain memcpy_fromio + memcpy_toio'][1], 2.5)

	def test_small_objects_on_the_bar_against_base_plus_clear(self):
		res = 'i915-ttm-bench: result %s 100 ops %s'
		base = bench_table.parse([res % ('small.4k', '600 600 600 600 600')])
		series = bench_table.parse([res % ('small-bar.4k', '1000 1000 1000 1000 1000'),
									res % ('small-bar.memset.4k', '300 300 300 300 300')])
		r = self.ratios(base, series)['series on the BAR vs base + memset_io, 4 KiB objects']
		self.assertAlmostEqual(r[1], 0.9)
		self.assertEqual(r[4], 'goal')

	def test_pinned_eviction_cost(self):
		res = 'i915-ttm-bench: result %s 10 ops %s'
		lines = []
		for n, full in ((100, 30), (10000, 50)):
			lines.append(res % ('full.pins%d.longterm' % n, ' '.join([str(full)] * 5)))
			lines.append(res % ('room.pins%d.longterm' % n, '10 10 10 10 10'))
		r = self.ratios({}, bench_table.parse(lines))['eviction cost with 10k / with 100 long-term pins']
		self.assertAlmostEqual(r[1], 2.0)
		self.assertEqual((r[2], r[3]), ('<=', 1.5))

	def test_machine(self):
		self.assertEqual(bench_table.machine(
			['[    0.3] smpboot: CPU0: QEMU TCG CPU version 2.5+ (family: 0xf, model: 0x6b, stepping: 0x1)'],
			['vm.sh: accel tcg, cpu max\n', 'qemu-system-x86_64: warning\n']),
			'accelerator: tcg (-cpu max); guest CPU: QEMU TCG CPU version 2.5+')
		self.assertEqual(bench_table.machine([], []), 'accelerator: unknown; guest CPU: unknown')

	def test_missing_figure_fails(self):
		series = load('bench-series.log')
		del series['evict.ttm']
		out, missed, failed = bench_table.render(*bench_table.table(load('bench-base.log'), series))
		self.assertTrue(any('evict+restore' in l and 'missing' in l for l in out))
		path = os.path.join(DATA, 'bench-base.log')
		with contextlib.redirect_stdout(io.StringIO()):
			self.assertEqual(bench_table.main([path, path]), 1)
			self.assertEqual(bench_table.main([path, os.path.join(DATA, 'bench-series.log')]), 0)

	def test_goal_not_met_and_check_failed_are_reported(self):
		slow = bench_table.parse(['i915-ttm-bench: result clear.ttm 1 bytes 10 10 10 10 10',
								  'i915-ttm-bench: result clear.memset 1 bytes 5 5 5 5 5',
								  'i915-ttm-bench: result swapout.plain 1 ops 5 5 5 5 5',
								  'i915-ttm-bench: result swapout.unpopulated.next 1 ops 10 10 10 10 10'])
		out, missed, failed = bench_table.render(*bench_table.table({}, slow))
		self.assertTrue(any(l.startswith('clear vs memset_io') and 'check >= 0.90: FAILED' in l
							for l in out))
		self.assertTrue(any(l.startswith('swapout with 10k') and '<= 1.50: NOT MET' in l for l in out))
		self.assertEqual(failed, 1)


if __name__ == '__main__':
	result = unittest.main(exit=False, verbosity=0).result
	n, f = result.testsRun, len(result.failures) + len(result.errors)
	print('bench-table-tests: %d passed, %d failed' % (n - f, f))
	raise SystemExit(1 if f else 0)
