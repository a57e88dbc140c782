#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tests of i915_ttm_parser on saved console logs (test_data/)."""

import contextlib
import io
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i915_ttm_parser as parser  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test_data')
BASE_GROUPS = ['sanitycheck', 'shmem', 'fence', 'scatterlist', 'syncmap', 'uncore',
	       'ring', 'engine', 'timelines', 'requests', 'objects', 'phys', 'dmabuf',
	       'vma', 'evict', 'gtt', 'hugepages', 'contexts', 'buddy', 'memory_region']


def load(name):
	with open(os.path.join(DATA, name)) as f:
		return parser.parse(f)


def lines(text):
	return parser.parse(text.strip('\n').split('\n'), expect_i915=False)


class SavedLogs(unittest.TestCase):
	def test_base_passes(self):
		res = load('base-pass.log')
		mock = [t for t in res.tests if t.suite == 'i915 mock']
		self.assertEqual(len(mock), 66)
		self.assertTrue(all(t.passed for t in res.tests))
		self.assertEqual(res.groups, BASE_GROUPS)
		self.assertEqual(res.problems, [])
		self.assertEqual(res.summary('test-kernel'), 'test-kernel: 67 passed, 0 failed')

	def test_debug_kernel_passes(self):
		# lockdep, KASAN, kmemleak and debugobjects banners are no splats
		res = load('debug-pass.log')
		self.assertEqual((res.passed, res.failed), (67, 0))
		with open(os.path.join(DATA, 'debug-pass.log')) as f:
			self.assertIn('i915-ttm: kmemleak scan done', f.read())

	def test_selftest_failure(self):
		res = load('selftest-fail.log')
		failed = [t for t in res.tests if not t.passed]
		self.assertEqual([t.name for t in failed], ['memory_region/igt_mock_fill'])
		self.assertIn('failed with error -22', failed[0].detail)
		self.assertEqual(res.problems, [])  # the failure explains the -22
		self.assertEqual(res.failed, 1)

	def test_kasan(self):
		res = load('kasan.log')
		self.assertEqual(len(res.problems), 1)
		self.assertIn('KASAN: use-after-free', res.problems[0])

	def test_lockdep(self):
		res = load('lockdep.log')
		self.assertEqual(len(res.problems), 1)
		self.assertTrue(res.problems[0].startswith('splat: lockdep: '))

	def test_kmemleak(self):
		res = load('kmemleak.log')
		self.assertEqual(len(res.problems), 2)
		self.assertTrue(all('unreferenced object' in p for p in res.problems))

	def test_kunit_not_ok(self):
		res = load('kunit-notok.log')
		failed = [t for t in res.tests if not t.passed]
		self.assertEqual([(t.suite, t.name) for t in failed], [('kunit', 'example.example_simple_test')])
		self.assertEqual(res.failed, 1)

	def test_truncated(self):
		res = load('truncated.log')
		failed = [t.name for t in res.tests if not t.passed]
		self.assertEqual(failed, ['hugepages/igt_mock_ppgtt_huge_fill'])
		self.assertTrue(any('power-off marker' in p for p in res.problems))

	def test_warning(self):
		res = load('warning.log')
		self.assertEqual(len(res.problems), 1)
		self.assertIn('i915_gem_object.c:216', res.problems[0])

	def test_cli(self):
		out = io.StringIO()
		with contextlib.redirect_stdout(out):
			self.assertEqual(parser.main([os.path.join(DATA, 'base-pass.log'), '--name', 'x']), 0)
			self.assertEqual(parser.main([os.path.join(DATA, 'kasan.log')]), 1)
		self.assertEqual(out.getvalue().split('\n')[:3], [
			'x: 67 passed, 0 failed',
			'FAIL splat: KASAN: BUG: KASAN: use-after-free in i915_gem_object_put_pages+0x2a/0x90',
			'67 passed, 1 failed'])


class Lines(unittest.TestCase):
	END = parser.END_MARKER

	def test_nothing_passed_is_a_failure(self):
		with tempfile.NamedTemporaryFile('w', suffix='.log') as f, \
				contextlib.redirect_stdout(io.StringIO()):
			f.write(self.END + '\n')
			f.flush()
			self.assertEqual(parser.main([f.name, '--no-i915']), 1)

	def test_missing_end_marker(self):
		self.assertEqual(lines('[    1.0] booting').failed, 1)

	def test_i915_must_run_when_expected(self):
		res = parser.parse([self.END])
		self.assertEqual(res.problems, ['i915 mock: selftests did not run'])

	def test_i915_error_without_subtest(self):
		res = parser.parse(['i915: Performing mock selftests with st_random_seed=0x1 st_timeout=500',
				    'i915: Running sanitycheck', 'i915-ttm: mock_selftests=-12', self.END])
		self.assertEqual(res.problems, ['i915 mock: run ended with -12 in group sanitycheck'])

	def test_setup_failure(self):
		res = parser.parse(['i915: Performing mock selftests with st_random_seed=0x1 st_timeout=500',
				    'i915: Running objects', 'i915/i915_gem_object_mock_selftests: setup failed for igt_x',
				    'i915-ttm: mock_selftests=-5', self.END])
		self.assertEqual([(t.name, t.passed) for t in res.tests], [('objects/igt_x', False)])

	def test_each_splat_kind(self):
		cases = {
			'BUG: kernel NULL pointer dereference, address: 0000000000000008': 'BUG',
			'kernel BUG at drivers/gpu/drm/ttm/ttm_bo.c:1234!': 'BUG',
			'Oops: 0002 [#1] SMP KASAN': 'Oops',
			'general protection fault, probably for non-canonical address': 'Oops',
			'INFO: task swapper/0:1 blocked for more than 120 seconds.': 'hung task',
			'Kernel panic - not syncing: Attempted to kill init!': 'panic',
			'WARNING: possible recursive locking detected': 'lockdep',
			'WARNING: suspicious RCU usage': 'lockdep',
			'BUG: sleeping function called from invalid context at mm/slab.h:498': 'BUG',
			'watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [swapper/0:1]': 'soft lockup',
			'rcu: INFO: rcu_sched self-detected stall on CPU': 'RCU stall',
			'ODEBUG: free active (active state 0) object type: timer_list': 'debugobjects',
			'UBSAN: shift-out-of-bounds in drivers/gpu/drm/i915/i915_buddy.c:42:9': 'UBSAN',
		}
		for text, kind in cases.items():
			with self.subTest(text=text):
				res = lines(f'[    2.5] {text}\n{self.END}')
				self.assertEqual(res.problems, [f'splat: {kind}: {text}'])

	def test_ordinary_lines_are_not_splats(self):
		res = lines('''
[    0.49] PCI: Using host bridge windows from ACPI; if necessary, use "pci=nocrs" and report a bug
[    0.56] ACPI: Failed to create genetlink family for ACPI event
''' + self.END)
		self.assertEqual(res.problems, [])

	def test_cut_here_without_end(self):
		res = lines('------------[ cut here ]------------\nModules linked in:\n' + self.END)
		self.assertEqual(len(res.problems), 1)

	def test_kunit_crash_mid_suite(self):
		res = lines('TAP version 14\n1..2\n    # Subtest: a\n    1..1\n    ok 1 - x\nok 1 - a\n' + self.END)
		self.assertEqual(res.problems, ['kunit: 2 suites planned, 1 reported'])

	def test_vm_checks(self):
		res = lines('i915-ttm: test bochs.probe: ok\n'
			    'i915-ttm: test bochs.framebuffer: FAIL read back differs\n' + self.END)
		self.assertEqual([(t.suite, t.name, t.passed, t.detail) for t in res.tests], [
			('vm', 'bochs.probe', True, ''),
			('vm', 'bochs.framebuffer', False, 'read back differs')])

	def test_kselftest_i915_is_the_i915_result(self):
		# A modular kernel: i915.sh loads i915 with the mock selftests;
		# its runner line settles the last subtest and is the result.
		run = ('i915: Performing mock selftests with st_random_seed=0x1 st_timeout=500\n'
		       'i915: Running gem_ttm\n'
		       'i915: Running i915_gem_ttm_mock_selftests/igt_ttm_purge\n'
		       'drivers/gpu/i915: ok\n')
		res = parser.parse((run + 'ok 1 selftests: drivers/gpu: i915.sh\n' + self.END).split('\n'))
		self.assertEqual([(t.suite, t.name, t.passed) for t in res.tests], [
			('i915 mock', 'gem_ttm/igt_ttm_purge', True),
			('kselftest', 'drivers/gpu/i915.sh', True)])
		self.assertEqual(res.problems, [])
		# Skipped: i915.sh could not unload i915, and ran nothing.
		res = parser.parse(('drivers/gpu/i915: [SKIP]\n'
				    'ok 1 selftests: drivers/gpu: i915.sh # SKIP\n' + self.END).split('\n'))
		self.assertEqual([(t.name, t.passed, t.detail) for t in res.tests],
				 [('drivers/gpu/i915.sh', False, 'SKIP')])
		self.assertIn('i915 mock: selftests did not run', res.problems)
		# Failed while a subtest ran (the module load died in it): that
		# subtest is the one blamed, not passed.
		res = parser.parse((run + 'not ok 1 selftests: drivers/gpu: i915.sh # exit=1\n'
				    + self.END).split('\n'))
		self.assertEqual([(t.name, t.passed) for t in res.tests],
				 [('gem_ttm/igt_ttm_purge', False), ('drivers/gpu/i915.sh', False)])
		self.assertIn('ended without its result', res.tests[0].detail)

	def test_module_cycles_settle_their_subtests(self):
		# Each cycle's last subtest ends when init reports the cycle; one
		# that never returns to userspace is still a failure.
		cycle = ('i915: Running gem_ttm\n'
			 'i915: Running i915_gem_ttm_mock_selftests/igt_ttm_busy_evict\n'
			 'i915-ttm: test modules.cycle1: ok\n')
		res = lines(cycle + self.END)
		self.assertEqual([(t.name, t.passed) for t in res.tests],
				 [('gem_ttm/igt_ttm_busy_evict', True), ('modules.cycle1', True)])
		res = lines('i915: Running i915_gem_ttm_mock_selftests/igt_ttm_busy_evict\n')
		self.assertFalse(res.tests[0].passed)
		self.assertEqual(res.tests[0].detail, 'did not finish (crash or hang)')
		res = lines('i915: Running gem_ttm\n'
			    'i915: Running i915_gem_ttm_mock_selftests/igt_ttm_busy_evict\n'
			    'i915-ttm: test modules.cycle1: FAIL modprobe i915 mock_selftests=-1 failed\n'
			    + self.END)
		self.assertEqual([(t.name, t.passed) for t in res.tests],
				 [('gem_ttm/igt_ttm_busy_evict', False), ('modules.cycle1', False)])

	def test_required_results(self):
		log = 'i915-ttm: test modules.cycle1: ok\n' + self.END
		res = parser.parse(log.split('\n'), expect_i915=False,
				   require=['modules.cycle1', 'modules.slab_caches'])
		self.assertEqual(res.problems,
				 ['no result for modules.slab_caches, which this run must report'])

	def test_slab_leak_at_destroy_is_a_splat(self):
		for text in ('BUG i915_vma (Not tainted): Objects remaining in i915_vma on '
			     '__kmem_cache_shutdown()',
			     'kmem_cache_destroy i915_vma: Slab cache still has objects'):
			res = lines(f'[    9.1] {text}\n{self.END}')
			self.assertEqual(len(res.problems), 1, text)
			self.assertTrue(res.problems[0].startswith('splat: slab: '), res.problems)

	def test_kunit_suite_that_does_not_end(self):
		res = lines('TAP version 14\n1..1\n    # Subtest: ttm_bo\n    1..2\n'
			    '    ok 1 - ttm_swapout_skips_refused\n' + self.END)
		self.assertIn('kunit: suite ttm_bo did not end', res.problems)

	def test_lmem_skip_is_a_failure(self):
		res = lines('    # ttm_kmap_iter_tt_iomem_round_trip: SKIP: no emulated LMEM BAR '
			    '(PCI 1af4:1110) here\n'
			    'i915/intel_memory_region_mock_selftests: skipping, no emulated LMEM BAR\n'
			    '    # drm_gem_vram_swapout_drops_kmap: SKIP: no std VGA device (1234:1111)\n'
			    + self.END)
		self.assertEqual(len(res.problems), 3)
		self.assertTrue(all(p.startswith('skipped in the harness VM') for p in res.problems))

	def test_i915_skip_is_a_failure(self):
		res = lines('igt_ttm_copy_from_wc: skip: i915 keeps non-temporal WC reads off\n'
			    + self.END)
		self.assertEqual(len(res.problems), 1)

	def test_lmem_skip_accepted_when_booted_without_it(self):
		res = lines('Command line: console=ttyS0 i915ttm.mode=check i915ttm.lmem=none\n'
			    '    # ttm_kmap_iter_tt_iomem_round_trip: SKIP: no emulated LMEM BAR '
			    'given (ttm_bo_test.iomem_dev=)\n'
			    'intel_region_ttm_mock_selftests: skip: no emulated LMEM BAR given '
			    '(i915.st_mock_lmem=)\n'
			    '    # drm_gem_vram_swapout_drops_kmap: SKIP: no std VGA device (1234:1111)\n'
			    + self.END)
		self.assertEqual(len(res.skipped), 2)
		# Only the LMEM BAR may be missing: the std VGA is always there.
		self.assertEqual(len(res.problems), 1)
		self.assertIn('std VGA', res.problems[0])

	def test_lmem_skip_cli(self):
		out = io.StringIO()
		with tempfile.NamedTemporaryFile('w', suffix='.log', delete=False) as f:
			f.write('Command line: x i915ttm.lmem=none\n'
				'igt_x: skip: no emulated LMEM BAR given\n'
				'i915-ttm: test bochs.probe: ok\n' + self.END + '\n')
		try:
			with contextlib.redirect_stdout(out):
				rc = parser.main(['--no-i915', f.name])
		finally:
			os.unlink(f.name)
		self.assertEqual(rc, 0)
		self.assertIn('SKIP (booted without the LMEM BAR) igt_x: skip:', out.getvalue())
		self.assertTrue(out.getvalue().endswith('1 passed, 0 failed\n'))

	def test_no_lmem_run_must_skip(self):
		res = lines('Command line: console=ttyS0 i915ttm.lmem=none\n' + self.END)
		self.assertEqual(len(res.problems), 1)
		self.assertIn('no test said that it skips', res.problems[0])

	def test_lmem_skip_fails_without_the_marker(self):
		res = lines('Command line: console=ttyS0 i915ttm.mode=check\n'
			    'igt_x: skip: no emulated LMEM BAR given\n' + self.END)
		self.assertEqual(res.skipped, [])
		self.assertEqual(len(res.problems), 1)

	def test_repeated_splat_counts_once(self):
		res = lines('BUG: KASAN: use-after-free in f+0x1/0x2\n' * 3 +
			    'BUG: KASAN: use-after-free in g+0x1/0x2\n' + self.END)
		self.assertEqual(res.problems, [
			'splat: KASAN: BUG: KASAN: use-after-free in f+0x1/0x2 (x3)',
			'splat: KASAN: BUG: KASAN: use-after-free in g+0x1/0x2'])

	def test_summary_line_format(self):
		res = lines(self.END)
		self.assertEqual(res.summary(), '0 passed, 0 failed')
		self.assertEqual(res.summary('parser'), 'parser: 0 passed, 0 failed')


if __name__ == '__main__':
	result = unittest.main(exit=False, verbosity=0).result
	bad = len(result.failures) + len(result.errors)
	print(f'parser-tests: {result.testsRun - bad} passed, {bad} failed')
	sys.exit(1 if bad else 0)
