#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write base..HEAD of build/linux back to patches/ as the series.

git format-patch writes the patches (numbered, zero 'From' hashes, no
signature, so an unchanged tree exports byte-identical files); the cover
letter keeps the subject and body of the current 0000-cover-letter.patch
and gets a fresh shortlog, diffstat and base-commit: line. Patch files
that are no longer in the tree are removed.
"""

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
TREE = os.environ.get('TREE', os.path.join(TOP, 'build', 'linux'))
PATCHES = os.environ.get('PATCHES', os.path.join(TOP, 'patches'))
COVER = '0000-cover-letter.patch'
IDENTITY = 'i915-ttm project <i915-ttm@example.invalid>'
DEFAULT_SUBJECT = 'drm/i915: manage device-local memory with TTM (5.10 LTS)'
DEFAULT_BODY = '*** Describe the series here. ***'


def git(*args: str) -> str:
	return subprocess.run(['git', '-C', TREE, *args], check=True,
			      capture_output=True, text=True).stdout


def old_cover(path: str):
	"""Subject (without its [PATCH] prefix) and body of a cover letter."""
	if not os.path.exists(path):
		return DEFAULT_SUBJECT, DEFAULT_BODY
	with open(path) as f:
		head, _, rest = f.read().partition('\n\n')
	m = re.search(r'^Subject: (.*(?:\n[ \t].*)*)', head, re.M)
	subject = re.sub(r'\s*\n[ \t]+', ' ', m.group(1)) if m else DEFAULT_SUBJECT
	subject = re.sub(r'^\[[^]]*\]\s*', '', subject)
	body = []
	for line in rest.split('\n'):
		# git's shortlog ("Name (N):"), the diffstat or base-commit end it
		if re.match(r'^\S.* \(\d+\):$|^base-commit: |^-- $', line):
			break
		body.append(line)
	return subject, '\n'.join(body).rstrip('\n') or DEFAULT_BODY


def cover_letter(subject: str, body: str, n: int) -> str:
	base = git('rev-parse', 'base').strip()
	date = git('log', '-1', '--format=%aD', 'HEAD').strip()
	parts = [f'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n'
		 f'From: {IDENTITY}\nDate: {date}\n'
		 f'Subject: [PATCH 0/{n}] {subject}\n', body + '\n']
	if n:
		parts.append(git('shortlog', 'base..HEAD').rstrip('\n') + '\n')
		parts.append(git('diff', '--stat=72', '--summary', 'base', 'HEAD').rstrip('\n') + '\n')
	parts.append(f'base-commit: {base}\n-- \n')
	return '\n'.join(parts)


def main() -> int:
	if subprocess.run(['git', '-C', TREE, 'rev-parse', '-q', '--verify', 'base'],
			  capture_output=True).returncode:
		sys.exit(f'export.py: error: {TREE} has no "base" tag; run "make tree" first')
	if git('status', '--porcelain', '--untracked-files=no').strip():
		sys.exit(f'export.py: error: {TREE} has uncommitted changes; commit them first')
	n = int(git('rev-list', '--count', 'base..HEAD'))
	with tempfile.TemporaryDirectory() as tmp:
		if n:
			git('format-patch', '-q', '--numbered', '--zero-commit', '--no-signature',
			    '-o', tmp, 'base..HEAD')
		new = {name: open(os.path.join(tmp, name)).read() for name in os.listdir(tmp)}
	os.makedirs(PATCHES, exist_ok=True)
	new[COVER] = cover_letter(*old_cover(os.path.join(PATCHES, COVER)), n)

	changed = []
	for name in sorted(os.listdir(PATCHES)):
		if re.match(r'^\d{4}-.*\.patch$', name) and name not in new:
			os.remove(os.path.join(PATCHES, name))
			changed.append(f'removed {name}')
	for name, text in sorted(new.items()):
		path = os.path.join(PATCHES, name)
		if os.path.exists(path) and open(path).read() == text:
			continue
		with open(path, 'w') as f:
			f.write(text)
		changed.append(f'wrote {name}')
	for line in changed:
		print(f'export.py: {line}')
	print(f'export.py: {n} patches in {os.path.relpath(PATCHES)}'
	      + ('' if changed else ' (unchanged)'))
	return 0


if __name__ == '__main__':
	sys.exit(main())
