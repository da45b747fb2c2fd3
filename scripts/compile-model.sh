#!/usr/bin/env bash
# Regenerates the compiled EF Core models (src/IpSolis.Server/Platform/Data/CompiledModels/{Sqlite,Postgres}) from
# the entity configurations. Nodes load these instead of building the model at start (docs/PERFORMANCE.md, cold
# start); tests/IpSolis.Server.Tests/Data/CompiledModelTests fails until this has run after a configuration change.
# scripts/add-migration.sh runs it after adding a migration.
#   scripts/compile-model.sh
#   scripts/compile-model.sh --built   the server was just built with -p:EfDesign=true (add-migration.sh): skip that
set -euo pipefail
built=false
if [[ ${1:-} == --built ]]; then built=true; fi
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/ef-design.sh
source scripts/ef-design.sh
ef_design_fetch

exec 9>"$(git rev-parse --git-dir)/compile-model.lock"
flock 9

if ! $built; then
  dotnet tool restore >/dev/null
  dotnet build src/IpSolis.Server -p:EfDesign=true -v q -nologo
fi
models=src/IpSolis.Server/Platform/Data/CompiledModels
for provider in Sqlite Postgres; do
  rm -rf "${models:?}/$provider"
  IPSOLIS_MIGRATIONS_PROVIDER=$provider dotnet ef dbcontext optimize \
    --project src/IpSolis.Server --startup-project src/IpSolis.Server --context IpSolisDbContext \
    --output-dir "Platform/Data/CompiledModels/$provider" --namespace "IpSolis.Server.Platform.Data.CompiledModels.$provider" --no-build >/dev/null
  # Two providers' models for one context: each node picks its own with UseModel (DataServices.Configure), so the
  # assembly attribute that would make EF Core pick one by itself is left out.
  rm "$models/$provider/IpSolisDbContextAssemblyAttributes.cs"
done

# Leave the normal build without the design-time references.
dotnet build src/IpSolis.Server -v q -nologo
echo "Compiled models regenerated in $models for SQLite and PostgreSQL."
