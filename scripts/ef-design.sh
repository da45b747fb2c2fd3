#!/usr/bin/env bash
# Sourced by scripts/add-migration.sh and scripts/compile-model.sh. Microsoft.EntityFrameworkCore.Design cannot
# restore from our registry copy (a dependency is missing), so its DLL is fetched once into the NuGet cache and
# referenced only when building with -p:EfDesign=true (see src/IpSolis.Server/IpSolis.Server.csproj).
ef_design_fetch() {
  local packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
  local design="$packages/microsoft.entityframeworkcore.design/10.0.14"
  [[ ! -f $design/lib/net10.0/Microsoft.EntityFrameworkCore.Design.dll ]] || return 0
  echo "Fetching Microsoft.EntityFrameworkCore.Design 10.0.14 into $design"
  local tmp
  tmp=$(mktemp -d)
  curl -fsSL -o "$tmp/design.nupkg" \
    "https://api.nuget.org/v3-flatcontainer/microsoft.entityframeworkcore.design/10.0.14/microsoft.entityframeworkcore.design.10.0.14.nupkg"
  mkdir -p "$design"
  (cd "$design" && unzip -qo "$tmp/design.nupkg")
  rm -rf "$tmp"
}
