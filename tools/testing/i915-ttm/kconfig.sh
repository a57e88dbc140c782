#!/bin/sh
# Configure the kernel of one kind (test|debug|drivers|bench) in
# build/obj-<kind>: tinyconfig + the kind's fragments (merge_config.sh),
# then fail naming every requested option that did not end up in .config
# (where fragments disagree, the later one is what is requested).
set -eu
. "$(dirname "$0")/lib.sh"
kind=${1:?usage: kconfig.sh test|debug|drivers|bench [objdir]}
obj=${2:-$BUILD/obj-$kind}
case $kind in
test) frags="$HARNESS/configs/test.config" ;;
debug) frags="$HARNESS/configs/test.config $HARNESS/configs/debug.config $HARNESS/configs/modules.config" ;;
drivers) frags="$HARNESS/configs/test.config $HARNESS/configs/drivers.config" ;;
bench) frags="$HARNESS/configs/test.config $HARNESS/configs/bench.config" ;;
*) die "unknown kernel kind '$kind' (test, debug, drivers or bench)" ;;
esac
[ -f "$TREE/Makefile" ] || die "no kernel tree at $TREE; run 'make tree'"
mkdir -p "$obj"
series_frag=$HARNESS/configs/series.config
# A kernel with i915 and TTM as modules has the series' KUnit suites as
# modules too: they depend on TTM. (Every option series.config sets to y
# is a tristate; a bool would need a line of its own here.)
case " $frags " in
*/modules.config\ *)
	sed 's/=y$/=m/' "$HARNESS/configs/series.config" >"$obj/series-modules.config"
	series_frag=$obj/series-modules.config ;;
esac
frags="$frags $series_frag"

# Reconfigure only when the fragments or the tree's Kconfig files change,
# so incremental builds stay incremental.
sum=$( (cat $frags; cd "$TREE" && git ls-files -s -- '*Kconfig*' && git diff HEAD -- '*Kconfig*') |
	sha256sum | cut -d' ' -f1)
if [ -f "$obj/.config" ] && [ "$(cat "$obj/.i915-ttm-config" 2>/dev/null)" = "$sum" ]; then
	exit 0
fi

make -s -C "$TREE" O="$obj" ARCH=x86_64 tinyconfig >"$obj/tinyconfig.log" 2>&1
(cd "$TREE" && ARCH=x86_64 scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" $frags) >"$obj/merge_config.log" 2>&1 ||
	{ cat "$obj/merge_config.log" >&2; die "merge_config.sh failed"; }
make -s -C "$TREE" O="$obj" ARCH=x86_64 olddefconfig >>"$obj/merge_config.log" 2>&1

# Each option's last setting, with the fragment it comes from.
for f in $frags; do
	grep -h '^CONFIG_' "$f" | sed "s|^|$f |"
done | awk '{ sym = $2; sub(/=.*/, "", sym); last[sym] = $0; order[sym] = NR }
	END { for (s in last) print order[s], last[s] }' | sort -n | cut -d' ' -f2- |
while read -r f line; do
	sym=${line%%=*}
	if [ "$f" = "$series_frag" ] &&
		! (cd "$TREE" && git grep -qE "^(menu)?config ${sym#CONFIG_}\$" -- '*Kconfig*'); then
		continue	# not in this tree yet
	fi
	grep -qFx "$line" "$obj/.config" || {
		printf '%s: error: %s: %s is not in the final .config (got: %s)\n' "${0##*/}" "${f##*/}" "$line" \
			"$(grep -E "^(# )?${line%%=*}[= ]" "$obj/.config" || echo 'not present')" >&2
		echo x
	}
done >"$obj/.missing"
[ -s "$obj/.missing" ] && die "$(wc -l <"$obj/.missing") requested option(s) dropped by Kconfig (dependencies?)"
echo "$sum" >"$obj/.i915-ttm-config"
