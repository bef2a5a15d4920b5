// Validates every manifest in this folder against the Kubernetes API schemas, offline, with the validators the
// npm package kubernetes-models generates from the Kubernetes OpenAPI spec. Not run by Maven (no node there):
//   npm install --no-save kubernetes-models@5.1.0 yaml@2 && node deploy/k8s/check-schema.mjs
// Exit code 0 when all are valid; otherwise each error is printed with its path.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const groups = { v1: "v1", "apps/v1": "apps/v1", "autoscaling/v2": "autoscaling/v2" };
let failures = 0;
for (const file of readdirSync(here).filter((f) => f.endsWith(".yaml")).sort()) {
  for (const doc of parseAllDocuments(readFileSync(join(here, file), "utf8"))) {
    const manifest = doc.toJS();
    if (!manifest) continue;
    const group = groups[manifest.apiVersion];
    if (!group) {
      console.error(`${file}: ${manifest.kind}: apiVersion ${manifest.apiVersion} is not checked here`);
      failures++;
      continue;
    }
    const module = await import(`kubernetes-models/${group}/${manifest.kind}`);
    try {
      new module[manifest.kind](manifest).validate();
      console.log(`${file}: ${manifest.kind} ${manifest.metadata.name}: valid`);
    } catch (e) {
      console.error(`${file}: ${manifest.kind} ${manifest.metadata.name}: ${e.message}`);
      failures++;
    }
  }
}
process.exit(failures === 0 ? 0 : 1);
