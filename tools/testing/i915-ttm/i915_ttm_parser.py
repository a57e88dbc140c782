#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a test VM's console log into results.

parse() is a pure function from log lines to a Results object: every i915
selftest subtest (passed or failed), every KUnit test case (from the TAP
the kernel prints), every kselftest the VM ran (its runner's TAP line,
on a kernel with i915 as a module), and every splat (lockdep, KASAN, kmemleak, WARNING,
BUG, Oops, hung task, panic, RCU stall). A splat, a missing power-off
marker, or an i915 run that did not end cleanly is a failure.

    i915_ttm_parser.py [--name NAME] [--table] LOG
prints one line per failure and ends with "[NAME: ]N passed, N failed";
it exits 1 when anything failed.
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from typing import Iterable, List, Optional

END_MARKER = 'i915-ttm: end'
# After a clean mock run, i915 leaves -ENOTTY in its mock_selftests param.
MOCK_CLEAN = '-25'

TIMESTAMP = re.compile(r'^\[\s*\d+\.\d+\]\s?')
I915_PERFORM = re.compile(r'^i915: Performing mock selftests')
I915_GROUP = re.compile(r'^i915: Running (\w+)$')
I915_SUBTEST = re.compile(r'^i915: Running (\w+)/(\w+)$')
I915_FAILED = re.compile(r'^i915/(\w+): (\w+) failed with error (-?\d+)')
I915_SETUP_FAILED = re.compile(r'^i915/(\w+): setup failed for (\w+)')
I915_RESULT = re.compile(r'^i915-ttm: mock_selftests=(\S+)')
# Tests that need emulated hardware (the LMEM BAR, bochs' std VGA, a CPU
# without the hypervisor flag) say so when it is missing; inside the
# harness VM, which always has it, that skip is a failure. KUnit tests
# print "# <case>: SKIP: <why>", i915 selftests "<function>: skip: <why>".
LMEM_SKIP = re.compile(r'skip.*no emulated LMEM BAR|no emulated LMEM BAR.*skip|'
		       r'^# \w+: SKIP: |^\w+: skip: ', re.I)
# Booted without the LMEM BAR on purpose (vm.sh with VM_LMEM=none says so
# on the kernel command line): the tests that need it skip, and pass.
NO_LMEM = re.compile(r'^Command line: .*\bi915ttm\.lmem=none\b')
LMEM_BAR = re.compile(r'no emulated LMEM BAR', re.I)
VM_TEST = re.compile(r'^i915-ttm: test (\S+): (ok|FAIL)\s*(.*)$')
# The kselftest runner's line for one test; on a kernel with i915 as a
# module, drivers/gpu/i915.sh loads it with the mock selftests, and its
# verdict is the run's (a skip, here, is a failure: it needs no hardware).
KSELFTEST = re.compile(r'^(ok|not ok) \d+ selftests: (\S+): (\S+)(?: # (.*))?$')
KSELFTEST_I915 = 'drivers/gpu/i915.sh'
KUNIT_PLAN = re.compile(r'^(\s*)1\.\.(\d+)$')
KUNIT_SUBTEST = re.compile(r'^\s*# Subtest: (\S+)')
KUNIT_RESULT = re.compile(r'^(\s*)(ok|not ok) \d+ - (\S+)')

# (kind, pattern) in order: the first match names the splat.
SPLATS = [
	('lockdep', re.compile(r'^WARNING: (possible (recursive|circular)|inconsistent lock|'
				r'possible irq lock|suspicious RCU|held lock freed|'
				r'bad unlock|lock held when returning|nested lock)')),
	('lockdep', re.compile(r'^INFO: (possible (recursive|circular|irq)|inconsistent lock)')),
	('lockdep', re.compile(r'^BUG: (MAX_LOCK_DEPTH|looking up invalid subclass|held lock freed)')),
	('KASAN', re.compile(r'^BUG: KASAN: ')),
	('kmemleak', re.compile(r'^unreferenced object 0x[0-9a-f]+')),
	('kmemleak', re.compile(r'^kmemleak: \d+ new suspected memory leaks')),
	('hung task', re.compile(r'^INFO: task \S+ blocked for more than')),
	('RCU stall', re.compile(r'(^|: )INFO: rcu_\w+ (self-)?detected stall')),
	('soft lockup', re.compile(r'BUG: soft lockup')),
	('BUG', re.compile(r'^(kernel )?BUG(: | at )')),
	('Oops', re.compile(r'^Oops: |^general protection fault')),
	('panic', re.compile(r'^Kernel panic - not syncing')),
	('UBSAN', re.compile(r'^UBSAN: ')),
	# SLUB: a cache destroyed with objects in it (what a module leaked)
	('slab', re.compile(r'^BUG \S+ \((Not tainted|Tainted: [^)]*)\): ')),
	('slab', re.compile(r'^kmem_cache_destroy \S+: Slab cache still has objects')),
	('debugobjects', re.compile(r'^ODEBUG: ')),
	('WARNING', re.compile(r'^WARNING: ')),
]


@dataclass
class Test:
	suite: str          # 'i915 mock', 'kunit' or 'vm' (checks of the init script)
	name: str           # 'group/subtest' (i915), 'suite.case' (kunit, vm)
	passed: bool
	detail: str = ''


@dataclass
class Results:
	tests: List[Test] = field(default_factory=list)
	groups: List[str] = field(default_factory=list)     # i915 groups, in run order
	problems: List[str] = field(default_factory=list)   # splats and run errors
	skipped: List[str] = field(default_factory=list)    # accepted skips (no LMEM run)

	@property
	def passed(self) -> int:
		return sum(t.passed for t in self.tests)

	@property
	def failed(self) -> int:
		return sum(not t.passed for t in self.tests) + len(self.problems)

	def failures(self) -> List[str]:
		out = [f'FAIL {t.suite}: {t.name}' + (f': {t.detail}' if t.detail else '')
		       for t in self.tests if not t.passed]
		return out + [f'FAIL {p}' for p in self.problems]

	def skips(self) -> List[str]:
		return [f'SKIP (booted without the LMEM BAR) {s}' for s in self.skipped]

	def summary(self, name: Optional[str] = None) -> str:
		line = f'{self.passed} passed, {self.failed} failed'
		return f'{name}: {line}' if name else line


def strip(line: str) -> str:
	return TIMESTAMP.sub('', line.rstrip('\r\n'))


def classify_splat(line: str) -> Optional[str]:
	for kind, pattern in SPLATS:
		if pattern.search(line):
			return kind
	return None


def parse(lines: Iterable[str], expect_i915: bool = True,
	  require: Iterable[str] = ()) -> Results:
	"""Parse console log lines into Results; has no side effects.

	require: names of tests the log must report (a check that would
	otherwise pass by not running at all)."""
	res = Results()
	running = None          # the i915 subtest started last, not yet settled
	caller = None           # the function that runs it, named in failures
	group = None
	i915_started = False
	i915_result = None
	ended = False
	in_cut = None           # 'open' or 'reported' inside a cut-here block
	kunit_planned = None
	kunit_suites = 0
	kunit_suite = None
	kunit_case_failed = False
	no_lmem = False         # booted without the LMEM BAR on purpose

	def settle(passed: bool, detail: str = ''):
		nonlocal running
		if running:
			res.tests.append(Test('i915 mock', running, passed, detail))
			running = None

	for raw in lines:
		line = strip(raw)
		text = line.strip()

		# i915 mock selftests
		if I915_PERFORM.match(text):
			i915_started = True
			continue
		m = I915_SUBTEST.match(text)
		if m:
			settle(True)
			caller = m.group(1)
			running = f'{group}/{m.group(2)}'
			continue
		m = I915_GROUP.match(text)
		if m:
			settle(True)
			group = m.group(1)
			res.groups.append(group)
			continue
		m = I915_FAILED.match(text)
		if m:
			name = f'{group}/{m.group(2)}'
			if running != name or caller != m.group(1):
				settle(True)
				running = name
			settle(False, text)
			continue
		m = I915_SETUP_FAILED.match(text)
		if m:
			settle(True)
			res.tests.append(Test('i915 mock', f'{group}/{m.group(2)}', False, text))
			continue
		m = VM_TEST.match(text)
		if m:
			# Back in userspace: the subtest running last has ended. A
			# failed one says so itself (above); one still running when
			# its load failed did not end by itself.
			ok = m.group(2) == 'ok'
			settle(ok, '' if ok else f'ended without its result: {text}')
			res.tests.append(Test('vm', m.group(1), ok, m.group(3)))
			continue
		m = KSELFTEST.match(text)
		if m:
			status, where, test, directive = m.groups()
			passed = status == 'ok' and not (directive or '').upper().startswith('SKIP')
			settle(passed, '' if passed else f'ended without its result: {text}')
			name = f'{where}/{test}'
			res.tests.append(Test('kselftest', name, passed, directive or ''))
			if name == KSELFTEST_I915:
				i915_result = MOCK_CLEAN if passed else f'kselftest {status}' + (
					f' # {directive}' if directive else '')
			continue
		m = I915_RESULT.match(text)
		if m:
			i915_result = m.group(1)
			if i915_result == MOCK_CLEAN:
				settle(True)
			continue

		# KUnit TAP (5.10: suites at top level, cases indented by 4)
		m = KUNIT_PLAN.match(line)
		if m and not m.group(1) and kunit_planned is None:
			kunit_planned = int(m.group(2))
			continue
		m = KUNIT_SUBTEST.match(line)
		if m:
			if kunit_suite:
				res.problems.append(f'kunit: suite {kunit_suite} did not end')
			kunit_suite = m.group(1)
			kunit_case_failed = False
			continue
		m = KUNIT_RESULT.match(line)
		if m and kunit_planned is not None:
			indent, status, name = m.groups()
			if indent:
				ok = status == 'ok'
				res.tests.append(Test('kunit', f'{kunit_suite}.{name}', ok))
				kunit_case_failed |= not ok
			else:
				kunit_suites += 1
				if status != 'ok' and not kunit_case_failed:
					res.tests.append(Test('kunit', name, False, 'suite failed'))
				kunit_suite = None
			continue

		if NO_LMEM.match(text):
			no_lmem = True
		if LMEM_SKIP.search(text):
			if no_lmem and LMEM_BAR.search(text):
				res.skipped.append(text)
			else:
				res.problems.append(f'skipped in the harness VM, which has the hardware: {text}')
			continue

		if text == END_MARKER:
			ended = True
			continue

		# splats
		if text.startswith('------------[ cut here ]'):
			in_cut = 'open'
			continue
		if in_cut:
			# A WARN()/BUG() block: report its first classified line, once.
			if text.startswith('---[ end trace'):
				if in_cut == 'open':
					res.problems.append('splat: WARNING: (cut here block)')
				in_cut = None
			elif in_cut == 'open' and classify_splat(text):
				res.problems.append(f'splat: {classify_splat(text)}: {text}')
				in_cut = 'reported'
			continue
		kind = classify_splat(text)
		if kind:
			res.problems.append(f'splat: {kind}: {text}')

	# kmemleak summary lines only count when no object was listed
	objs = [p for p in res.problems if 'unreferenced object' in p]
	if objs:
		res.problems = [p for p in res.problems
				if not p.startswith('splat: kmemleak: kmemleak:')]

	# One bad loop under kasan_multi_shot reports thousands of times:
	# the same splat line counts once, with how often it was seen.
	seen = {}
	for p in res.problems:
		seen[p] = seen.get(p, 0) + 1
	res.problems = [p if n == 1 else f'{p} (x{n})' for p, n in seen.items()]

	if in_cut == 'open':
		res.problems.append('splat: WARNING: (cut here block without its end)')
	if running:
		settle(False, 'did not finish (crash or hang)')
	if expect_i915:
		if not i915_started:
			res.problems.append('i915 mock: selftests did not run')
		elif i915_result is None:
			res.problems.append('i915 mock: no result recorded (neither the mock_selftests param nor kselftest i915.sh)')
		elif i915_result != MOCK_CLEAN and not any(
				t.suite == 'i915 mock' and not t.passed for t in res.tests):
			res.problems.append(f'i915 mock: run ended with {i915_result}'
					    + (f' in group {group}' if group else ''))
	if kunit_suite:
		res.problems.append(f'kunit: suite {kunit_suite} did not end')
	if kunit_planned is not None and kunit_suites < kunit_planned:
		res.problems.append(f'kunit: {kunit_planned} suites planned, {kunit_suites} reported')
	if no_lmem and not res.skipped:
		res.problems.append('booted without the LMEM BAR, and no test said that it skips for want of it')
	for name in require:
		if not any(t.name == name for t in res.tests):
			res.problems.append(f'no result for {name}, which this run must report')
	if not ended:
		res.problems.append(f'log ends without the power-off marker "{END_MARKER}" (crash, hang or timeout)')
	return res


def table(res: Results) -> str:
	"""A per-group table: suite, group, passed, failed."""
	rows = {('i915 mock', g): (0, 0) for g in res.groups}
	for t in res.tests:
		group = t.name if t.suite == 'kselftest' else \
			t.name.split('/' if t.suite == 'i915 mock' else '.')[0]
		key = (t.suite, group)
		p, f = rows.get(key, (0, 0))
		rows[key] = (p + t.passed, f + (not t.passed))
	out = [f'{"suite":<10} {"group":<20} {"passed":>6} {"failed":>6}']
	for (suite, group), (p, f) in rows.items():
		out.append(f'{suite:<10} {group:<20} {p:>6} {f:>6}')
	if res.problems:
		out.append(f'{"problems":<10} {"":<20} {"":>6} {len(res.problems):>6}')
	if res.skipped:
		out.append(f'{"skipped":<10} {"(no LMEM BAR)":<20} {len(res.skipped):>6} {"":>6}')
	return '\n'.join(out)


def main(argv=None) -> int:
	ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
	ap.add_argument('log')
	ap.add_argument('--name', help='prefix of the summary line')
	ap.add_argument('--table', action='store_true', help='print the per-group table')
	ap.add_argument('--no-i915', action='store_true', help='do not expect i915 selftests')
	ap.add_argument('--require', action='append', default=[], metavar='TEST',
			help='a test the log must report (repeatable)')
	args = ap.parse_args(argv)
	with open(args.log, errors='replace') as f:
		res = parse(f, expect_i915=not args.no_i915, require=args.require)
	if args.table:
		print(table(res))
	for line in res.skips() + res.failures():
		print(line)
	print(res.summary(args.name))
	return 1 if res.failed or not res.passed else 0


if __name__ == '__main__':
	sys.exit(main())
