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
					 'read.movntdqa', 'clear.ttm', 'clear.memset', 'purge.dontneed',
					 'purge.willneed', 'full.100k.pinned-longterm', 'room.1k',
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
		for label, (_, value, op, goal) in ratios.items():
			self.assertIsNotNone(value, label)
		# Purging copies nothing: far faster than an eviction.
		self.assertLess(ratios['purge time / eviction time (no copy: far below 1)'][1], 0.1)

	def test_ratio_from_medians(self):
		line = 'i915-ttm-bench: result small.4k 100 ops %s'
		base = bench_table.parse([line % '200 200 200 900 100'])
		series = bench_table.parse([line % '100 100 100 1 1000'])
		r = self.ratios(base, series)['series vs base speed, 4 KiB objects']
		self.assertEqual(r[1], 2.0)

	def test_missing_figure_fails(self):
		series = load('bench-series.log')
		del series['evict.ttm']
		out, missed = bench_table.render(*bench_table.table(load('bench-base.log'), series))
		self.assertTrue(any('evict+restore' in l and 'missing' in l for l in out))
		path = os.path.join(DATA, 'bench-base.log')
		with contextlib.redirect_stdout(io.StringIO()):
			self.assertEqual(bench_table.main([path, path]), 1)
			self.assertEqual(bench_table.main([path, os.path.join(DATA, 'bench-series.log')]), 0)

	def test_goal_not_met_is_reported(self):
		slow = bench_table.parse(['i915-ttm-bench: result clear.ttm 1 bytes 10 10 10 10 10',
								  'i915-ttm-bench: result clear.memset 1 bytes 5 5 5 5 5'])
		out, missed = bench_table.render(*bench_table.table({}, slow))
		self.assertTrue(any(l.startswith('clear vs memset_io') and 'NOT MET' in l for l in out))


if __name__ == '__main__':
	result = unittest.main(exit=False, verbosity=0).result
	n, f = result.testsRun, len(result.failures) + len(result.errors)
	print('bench-table-tests: %d passed, %d failed' % (n - f, f))
	raise SystemExit(1 if f else 0)
