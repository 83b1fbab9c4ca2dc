#!/usr/bin/env bash
# Style and static checks: clang-format (the tree must already be formatted) and clang-tidy with the root
# .clang-tidy, over every C++ source of src/, apps/ and tests/ (clang-format also over fuzz/, which only the asan
# preset builds). Needs a configured build (compile_commands.json).
set -euo pipefail
cd "$(dirname "$0")/.."
build="build/${TELECENTRES_PRESET:-default}"
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.h' 'apps/*.cpp' 'tests/*.cpp' 'tests/*.h' 'fuzz/*.cpp' 'fuzz/*.h' 2>/dev/null ||
                     find src apps tests fuzz -name '*.cpp' -o -name '*.h')
echo "lint: clang-format on ${#files[@]} files" >&2
clang-format --dry-run -Werror "${files[@]}"
echo "lint: clang-tidy (this takes a few minutes)" >&2
run-clang-tidy -p "$build" -quiet -j "$(nproc)" "$(pwd)/(src|apps|tests)/.*\.cpp$" > "$build/clang-tidy.log" 2>&1 || {
  grep -E "(warning|error):" "$build/clang-tidy.log" | sort -u >&2
  echo "lint: clang-tidy found problems (full log: $build/clang-tidy.log)" >&2
  exit 1
}
echo "lint: clean" >&2
