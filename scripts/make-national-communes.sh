#!/usr/bin/env bash
# Builds data/communes-france-2025.csv (insee,lat,lon,population,nom) for the national siting study: every current
# commune of metropolitan France (Corsica included, overseas departments left out) of the npm package
# @etalab/decoupage-administratif 6.0.0 (COG 2025, municipal population), placed at its geo.api.gouv.fr centre from
# the COG 2023 points file. Communes the 2023 file does not know (created since) are dropped and counted on stderr.
# Usage: scripts/make-national-communes.sh [points.csv] [out.csv]
set -euo pipefail
cd "$(dirname "$0")/.."
points="${1:-../shared/data/communes-centres-geoapi-cog2023.csv}"
out="${2:-data/communes-france-2025.csv}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @etalab/decoupage-administratif@6.0.0 >/dev/null && tar xzf ./*.tgz)
echo "package sha256: $(sha256sum "$work"/*.tgz | cut -d' ' -f1)" >&2
node - "$work/package/data/communes.json" "$points" "$out" <<'JS'
const fs = require("fs");
const [communesPath, pointsPath, outPath] = process.argv.slice(2);
const communes = JSON.parse(fs.readFileSync(communesPath, "utf8"));
// The points file is plain "insee,lat,lon,nom" with no quoted commas in the first three fields.
const points = new Map();
for (const line of fs.readFileSync(pointsPath, "utf8").split("\n").slice(1)) {
  if (!line) continue;
  const [insee, lat, lon] = line.split(",");
  points.set(insee, [lat, lon]);
}
const rows = [];
const dropped = [];
let overseas = 0;
let noPopulation = 0;
for (const c of communes) {
  if (c.type !== "commune-actuelle") continue;
  if (c.zone !== "metro") { overseas++; continue; }
  const p = points.get(c.code);
  if (!p) { dropped.push(`${c.code} ${c.nom}`); continue; }
  // A few communes have no population in the package (uninhabited "communes mortes pour la France"): weight 0.
  if (c.population === undefined) noPopulation++;
  const nom = /[",]/.test(c.nom) ? `"${c.nom.replace(/"/g, '""')}"` : c.nom;
  rows.push([c.code, p[0], p[1], c.population ?? 0, nom].join(","));
}
rows.sort();
fs.writeFileSync(outPath, "insee,lat,lon,population,nom\n" + rows.join("\n") + "\n");
console.error(`written: ${rows.length} communes to ${outPath}`);
console.error(`overseas communes left out: ${overseas}; without population (weight 0): ${noPopulation}`);
console.error(`dropped (no point in the COG 2023 file): ${dropped.length}${dropped.length ? ": " + dropped.join("; ") : ""}`);
JS
