#!/usr/bin/env bash
# The command line's figures beside sqlite3 running the plain SQL a person would type for the
# same answer, on the same file: whole-process wall time, the median of RUNS runs each, and
# the ratio (plain SQL ÷ ours; above 1 means ours is faster).
#
# Usage: tools/bench-side-by-side.sh [DB] [RUNS]
#   DB    default target/bench-data/ledger-1000000-v4.sqlite (made by
#         `cargo bench --bench volunteer_search`, or `volunteer-ledger demo --volunteers 1000000`)
#   RUNS  default 3
# Needs: target/release/volunteer-ledger (`cargo build --release`), sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-target/bench-data/ledger-1000000-v4.sqlite}
RUNS=${2:-3}
EXE=target/release/volunteer-ledger
[ -x "$EXE" ] || { echo "先运行 cargo build --release" >&2; exit 1; }
[ -f "$DB" ] || { echo "没有 $DB：先运行 cargo bench --bench volunteer_search" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "需要 sqlite3（apt-get install sqlite3）" >&2; exit 1; }

# Median wall seconds of running "$@" RUNS times (output thrown away).
median() {
    local times=()
    for _ in $(seq 1 "$RUNS"); do
        local start end
        start=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}

# The plain SQL of a period's figures: held activities, participations, volunteers, hours.
report_sql() {
    cat <<SQL
SELECT count(DISTINCT a.id), count(*), count(DISTINCT p.volunteer_id), sum(p.hours_tenths) / 10.0
FROM participations p JOIN activities a ON a.id = p.activity_id
WHERE a.status = '已完成' AND a.deleted_at IS NULL AND p.deleted_at IS NULL
  AND a.date BETWEEN '$1' AND '$2';
SQL
}

# The plain SQL of a register search: the count and the first page by number.
search_sql() {
    cat <<SQL
SELECT count(*) FROM volunteers
WHERE deleted_at IS NULL AND (name LIKE '%$1%' OR number LIKE '%$1%' OR mobile LIKE '%$1%');
SELECT number, name FROM volunteers
WHERE deleted_at IS NULL AND (name LIKE '%$1%' OR number LIKE '%$1%' OR mobile LIKE '%$1%')
ORDER BY number LIMIT 100;
SQL
}

printf '%-44s %10s %11s %8s\n' "figure" "ours (s)" "sqlite3 (s)" "ratio"
row() {
    local name=$1 ours=$2 plain=$3
    printf '%-44s %10s %11s %8s\n' "$name" "$ours" "$plain" \
        "$(awk -v a="$plain" -v b="$ours" 'BEGIN {printf "%.1f", a / b}')"
}

for period in "2026 2026-01-01 2026-12-31" "2026H1 2026-01-01 2026-06-30" \
    "2026Q3 2026-07-01 2026-09-30" "2026-03 2026-03-01 2026-03-31" \
    "2026-02-10..2026-05-20 2026-02-10 2026-05-20"; do
    set -- $period
    ours=$(median "$EXE" report --db "$DB" --period "$1")
    plain=$(median sqlite3 -readonly "$DB" "$(report_sql "$2" "$3")")
    row "report --period $1" "$ours" "$plain"
done
# One 村居 and one team (the first of each by name), the whole year.
unit=$(sqlite3 -readonly "$DB" "SELECT id || '|' || name FROM units
    WHERE deleted_at IS NULL AND kind = '村居（社区）' ORDER BY name LIMIT 1")
team=$(sqlite3 -readonly "$DB" "SELECT id || '|' || name FROM teams
    WHERE deleted_at IS NULL ORDER BY name LIMIT 1")
scoped_sql() {
    report_sql 2026-01-01 2026-12-31 | sed "s/;\$/ $1;/"
}
ours=$(median "$EXE" report --db "$DB" --period 2026 --scope "${unit#*|}")
plain=$(median sqlite3 -readonly "$DB" "$(scoped_sql "AND (a.organizer_id = '${unit%%|*}' OR a.team_id IN (SELECT id FROM teams WHERE unit_id = '${unit%%|*}'))")")
row "report --period 2026 --scope 村居" "$ours" "$plain"
ours=$(median "$EXE" report --db "$DB" --period 2026 --scope "${team#*|}")
plain=$(median sqlite3 -readonly "$DB" "$(scoped_sql "AND a.team_id = '${team%%|*}'")")
row "report --period 2026 --scope 队伍" "$ours" "$plain"
for text in 王芳 5678 SF00123; do
    ours=$(median "$EXE" search --db "$DB" "$text" --limit 100)
    plain=$(median sqlite3 -readonly "$DB" "$(search_sql "$text")")
    row "search $text" "$ours" "$plain"
done
ours=$(median "$EXE" check --db "$DB" --quick)
plain=$(median sqlite3 -readonly "$DB" "PRAGMA quick_check;")
row "check --quick / PRAGMA quick_check" "$ours" "$plain"
