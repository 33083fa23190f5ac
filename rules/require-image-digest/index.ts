import { str } from '../../src/model/node.js';
import { defineRule } from '../../src/engine/rule.js';
import { builtImages, isBuiltImage, isDigest, parseImageRef, withoutDigest } from '../../src/hardening/image.js';

export const requireImageDigest = defineRule({
  meta: {
    id: 'require-image-digest',
    title: 'Pin images by digest',
    description:
      'Tags are mutable: the publisher (or whoever compromises the registry account) can point `postgres:16` at a different image at any time. Only a digest (`image@sha256:...`) names exactly the bytes that were reviewed. Services with `build:`, services running an image another service of the project builds, and `${VAR}` images are skipped. Strict preset: digests need tooling (Renovate, Dependabot) to stay current.',
    category: 'hardening',
    severity: 'note',
    securitySeverity: 2.0,
    recommended: false,
    fixable: false,
    messages: {
      noDigest: 'service "{{service}}" uses image {{image}} without a digest; pin it as {{name}}@sha256:<digest> (a tag may stay for readability)',
    },
    references: [
      'OWASP Docker Security Cheat Sheet RULE #13: Enhance Supply Chain Security',
    ],
    tags: ['security', 'supply-chain'],
  },
  check({ project, report }) {
    const built = builtImages(project.services);
    for (const service of project.services) {
      const image = str(service.image);
      if (image === undefined || service.build !== undefined) continue;
      const ref = parseImageRef(image);
      if (isBuiltImage(ref, built)) continue;
      if (!isDigest(ref.digest)) report({ messageId: 'noDigest', data: { service: service.name, image, name: withoutDigest(ref) }, at: service.image!, service });
    }
  },
});
