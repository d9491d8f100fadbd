# Rewrites citations of the out-of-repo reference notes to the docs in this repository.
#
# Usage (GNU sed, from the repository root):
#   grep -rlE '(engine|api|dependencies|python-sdk|performance|ecosystem)\.md' src tests bench \
#     | xargs sed -i -f docs/citations.sed
#
#   engine.md §N.M        -> docs/engine.md §N.M        (same section numbers)
#   api.md §N.M           -> docs/api.md §N.M
#   dependencies.md §N.M  -> docs/dependencies.md §N.M
#   python-sdk.md ...     -> docs/sdk.md ...             (the SDK sections keep their numbers: §1.4)
#   performance.md        -> docs/benchmarks.md          (the peer workload: "The shared workload")
#   "X.md section N.M"    -> "X.md §N.M"                 (one citation style everywhere)
#
# Safe to run twice: a name already preceded by "/" (docs/engine.md) or by a letter, digit,
# "_", "." or "-" (python-sdk.md is not sdk.md) is left alone.
#
# For the lead, by hand:
# - README.md cites "dependencies.md §4" in its dependency table; it is outside src/tests/bench,
#   but the same script fixes it: sed -i -f docs/citations.sed README.md
# - src/pyconductor.egg-info/PKG-INFO (generated, git-ignored) copies README; it is rebuilt on
#   the next install.
# - ecosystem.md is not cited anywhere today and has no in-repo counterpart; a future citation
#   of it is left unchanged by this script.

s/\(\(engine\|api\|dependencies\|python-sdk\|performance\)\.md\) section \([0-9]\)/\1 §\3/g
s#\(^\|[^/[:alnum:]_.-]\)python-sdk\.md#\1docs/sdk.md#g
s#\(^\|[^/[:alnum:]_.-]\)performance\.md#\1docs/benchmarks.md#g
s#\(^\|[^/[:alnum:]_.-]\)engine\.md#\1docs/engine.md#g
s#\(^\|[^/[:alnum:]_.-]\)api\.md#\1docs/api.md#g
s#\(^\|[^/[:alnum:]_.-]\)dependencies\.md#\1docs/dependencies.md#g
