// Validates the Prometheus Operator resources (ServiceMonitor, PrometheusRule) in rendered
// manifests against the CRD schemas shipped in @kubernetes-models/prometheus-operator.
// Run by check.sh:  node validate-crds.mjs rendered.yaml  (with NODE_PATH-free resolution:
// check.sh runs it from a directory whose node_modules holds the package and js-yaml).
import fs from 'node:fs';
import * as yaml from 'js-yaml';
import * as m from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
let bad = 0;
for (const f of process.argv.slice(2)) for (const doc of yaml.loadAll(fs.readFileSync(f, 'utf8'))) {
  if (!doc || doc.apiVersion !== 'monitoring.coreos.com/v1') continue;
  const C = m[doc.kind];
  if (!C) { console.log('no model for', doc.kind); bad++; continue; }
  try { new C(doc).validate(); console.log('OK', doc.kind, doc.metadata.name); }
  catch (e) { console.log('ERROR', doc.kind, doc.metadata.name, e.message); bad++; }
}
process.exit(bad ? 1 : 0);
