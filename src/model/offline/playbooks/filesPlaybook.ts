import type { Playbook } from '../Playbook.js';

export const filesPlaybook: Playbook = {
  shape: 'clients upload straight to private object storage with short-lived presigned URLs, and files stay quarantined until a malware scan passes',
  driver: 'Uploaded files must never load the API servers, and untrusted files must never reach other users unchecked.',
  sections: {
    'data-model': {
      items: [
        'A `files` table holds metadata only (owner, storage key, declared and detected content type, size, SHA-256, scan status); the bytes live in object storage (S3, GCS or Azure Blob).',
      ],
    },
    api: {
      lead: 'Clients upload directly to object storage through short-lived presigned URLs; the API never carries file bytes.',
      items: [
        '`POST /v1/uploads` checks the name, declared type and size, then returns a presigned URL valid 15 min with the content length range and type bound into the signature; the client confirms with `POST /v1/uploads/{id}/complete`.',
        'A size limit per use case (e.g. 25 MB by default) and an allow-list of types, verified from the file\'s magic bytes after upload, never from the extension.',
        'Downloads through presigned GET URLs valid at most 5 min, served with `Content-Disposition: attachment` and `X-Content-Type-Options: nosniff`.',
      ],
      questions: [
        'What is the largest file allowed, and which file types?',
        'Are files kept forever, or do they expire?',
      ],
    },
    auth: {
      items: ['The bucket is private with public access blocked; storage keys are random ids, never built from user-supplied file names.'],
    },
    jobs: {
      items: [
        'After upload, a job scans the object (ClamAV or the cloud provider\'s malware scanning) and marks it `clean` or `infected`; nothing is served before `clean`.',
        'Thumbnails and previews are generated asynchronously; uploads never confirmed are deleted after 24 h.',
      ],
      questions: ['Must files be scanned for malware before other users can open them?'],
    },
  },
  tradeOffs: [
    {
      topic: 'Upload path',
      options: [
        {
          name: 'Direct to object storage with presigned URLs',
          pros: ['No file bytes through the API servers', 'Large and resumable uploads are possible'],
          cons: ['Two-step flow with a completion call', 'Validation happens after the upload'],
        },
        {
          name: 'Through the API',
          pros: ['One request; validation before storage'],
          cons: ['Ties up API memory and connections', 'Timeouts on large files and slow clients'],
        },
      ],
      choice: 'Direct to object storage with presigned URLs',
      rationale: 'It keeps API instances small and fast; the scan job and the completion call give back the validation step.',
    },
  ],
  risks: [
    {
      risk: 'A malicious file (malware, or HTML/SVG with scripts) is served to other users.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Scan before serving, verify the type from content, and serve user files from a separate domain as attachments.',
    },
    {
      risk: 'Storage grows without bound from orphaned and old uploads.',
      likelihood: 'medium',
      impact: 'low',
      mitigation: 'Lifecycle rules: delete unconfirmed uploads after 24 h and move files untouched for 90 days to a cheaper storage class.',
    },
  ],
  openQuestions: ['Which retention and deletion rules apply to uploaded files?'],
  checklists: {
    implementation: ['Unconfirmed uploads cleaned up after 24 h by a lifecycle rule or job'],
    security: [
      'Bucket private; uploads only through presigned URLs valid at most 15 min',
      'File type checked from content (magic bytes), not the extension',
      'Files quarantined until the malware scan passes',
    ],
    performance: ['API instances never buffer file bytes'],
    reliability: ['Scan job retried and alerting when files stay unscanned for 15 min'],
  },
  decisions: [
    {
      title: 'Upload files directly to object storage with presigned URLs',
      decision:
        'Clients upload to a private bucket through presigned URLs issued by the API; files are scanned asynchronously and served only after a clean scan.',
      rationale: 'File bytes never touch the API servers, and untrusted files are checked before anyone else can open them.',
      alternatives: ['Upload through the API', 'Store files in the database'],
      good: ['API instances stay small; large uploads do not time out', 'Storage scales independently'],
      bad: ['A two-step upload flow for clients', 'Files are unavailable for a few seconds until scanned'],
      confirmation: 'Tests assert that unscanned or infected files cannot be downloaded and that presigned URLs expire.',
    },
  ],
};
