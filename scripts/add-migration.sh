#!/usr/bin/env bash
# Adds one EF Core migration to both providers (SQLite and PostgreSQL).
#   scripts/add-migration.sh AddOrders
#   scripts/add-migration.sh --reset Initial   (before the first release only: regenerate one migration from scratch)
# The design-time package is fetched by scripts/ef-design.sh. The migrations projects cannot reference the server
# (it references them), so each generated [DbContext(typeof(IpSolisDbContext))] is rewritten to the project's marker type.
# Raw SQL the model cannot express (PostgreSQL triggers and functions) is never written into migration files, so a
# --reset loses nothing: a migrations SQL generator emits it after the CREATE TABLE of the table it belongs to (see
# src/IpSolis.Server/Platform/Audit/AuditGuardingMigrationsSqlGenerator.cs, registered in DataServices.Configure).
set -euo pipefail
reset=false
if [[ ${1:-} == --reset ]]; then reset=true; shift; fi
name=${1:?usage: scripts/add-migration.sh [--reset] MigrationName}
[[ $name =~ ^[A-Z][A-Za-z0-9]+$ ]] || { echo "migration names are PascalCase words, like AddOrders" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# shellcheck source=scripts/ef-design.sh
source scripts/ef-design.sh
ef_design_fetch

# One migration generator per checkout at a time: two at once would write each other's snapshot. Per checkout
# (a worktree has its own git dir), so parallel worktrees do not queue behind each other.
exec 9>"$(git rev-parse --git-dir)/add-migration.lock"
flock 9

if $reset; then
  # Build first: if the tree does not compile, fail here with the migrations still in place.
  dotnet build src/IpSolis.Server -p:EfDesign=true -v q -nologo
  rm -rf src/IpSolis.Migrations.Sqlite/Migrations src/IpSolis.Migrations.Postgres/Migrations
fi

dotnet tool restore >/dev/null
dotnet build src/IpSolis.Server -p:EfDesign=true -v q -nologo

for provider in Sqlite Postgres; do
  project=src/IpSolis.Migrations.$provider
  IPSOLIS_MIGRATIONS_PROVIDER=$provider dotnet ef migrations add "$name" \
    --project "$project" --startup-project src/IpSolis.Server --context IpSolisDbContext \
    --output-dir Migrations --namespace "IpSolis.Migrations.$provider.Migrations" --no-build
  # Without an earlier snapshot the tool files the new one under a folder named after its namespace.
  find "$project" -path "$project/obj" -prune -o -path "$project/bin" -prune -o -name '*ModelSnapshot.cs' -print |
    while read -r snapshot; do
      [[ $snapshot == "$project/Migrations/"* ]] || mv "$snapshot" "$project/Migrations/"
    done
  find "$project" -mindepth 1 -type d -empty -not -path "*/obj*" -not -path "*/bin*" -delete
  for file in "$project"/Migrations/*.cs; do
    sed -i \
      -e "s/typeof(IpSolisDbContext)/typeof(${provider}Migrations)/" \
      -e "s/^using IpSolis.Server.Platform.Data;$/using IpSolis.Migrations.$provider;/" \
      "$file"
  done
done

# The nodes' compiled models must describe the new schema too; the design-time build above serves it (it ends with
# a normal build, without the design-time references).
flock -u 9
scripts/compile-model.sh --built
echo "Added migration $name for SQLite and PostgreSQL and regenerated the compiled models. Review them, then commit them together."
