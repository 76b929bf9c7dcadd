import { X509Certificate, randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';
import { getMeta, setMeta, type HubStore } from './hub-store';

export interface HubTls {
  keyPem: string;
  certPem: string;
  /** What workstations pin: Node's SHA-256 fingerprint of the certificate. */
  fingerprint: string;
  hubId: string;
}

/**
 * The hub's identity: made once on first start and kept only inside the
 * encrypted store, so the private key never lies on disk in clear.
 */
export async function loadOrCreateTls(store: HubStore): Promise<HubTls> {
  let hubId = await getMeta(store.db, 'hub_id');
  if (!hubId) {
    hubId = `hub-${randomUUID()}`;
    await setMeta(store.db, 'hub_id', hubId);
  }
  const stored = await getMeta(store.db, 'tls_key');
  // A store that is not encrypted at rest keeps the private key sealed under its own key.
  let keyPem = stored && store.unseal ? store.unseal(stored) : stored;
  let certPem = await getMeta(store.db, 'tls_cert');
  if (!keyPem || !certPem) {
    const notAfter = new Date(Date.now() + 20 * 365 * 24 * 3600_000);
    // Pinned by fingerprint, not by name or CA, so a long life avoids a re-pairing every year.
    const pems = await generate([{ name: 'commonName', value: 'consulta-dental-hub' }], { keySize: 2048, algorithm: 'sha256', notAfterDate: notAfter });
    keyPem = pems.private;
    certPem = pems.cert;
    await store.db.transaction().execute(async (tx) => {
      await tx.insertInto('hub_meta').values([{ key: 'tls_key', value: keyPem! }, { key: 'tls_cert', value: certPem! }]).execute();
    });
  }
  return { keyPem, certPem, fingerprint: new X509Certificate(certPem).fingerprint256, hubId };
}
