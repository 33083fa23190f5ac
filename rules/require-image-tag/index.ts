import { str, UNKNOWN_MARK } from '../../src/model/node.js';
import { defineRule } from '../../src/engine/rule.js';
import { builtImages, isBuiltImage, isDigest, parseImageRef } from '../../src/hardening/image.js';

/**
 * A tag without a digit names a channel, not a release: `alpine`, `stable`, `lts`, `edge`,
 * `mainline`, `latest-dev`, a distribution's code name (`bookworm`). A tag from a variable may be anything.
 */
function isFloating(tag: string): boolean {
  return !/\d/.test(tag) && !tag.includes('$') && !tag.includes(UNKNOWN_MARK);
}

export const requireImageTag = defineRule({
  meta: {
    id: 'require-image-tag',
    title: 'Pin images to a version tag',
    description:
      'An image without a tag, tagged `latest`, or tagged with a channel that names no version (`alpine`, `stable`, `lts`, `edge`), is whatever the registry serves on the day of the pull: deployments are not reproducible, a compromised or broken upstream release is picked up silently, and review cannot tell which version runs. Digest-pinned images are fine. Services with `build:` are skipped (`image:` then names the image Compose builds), and so are services running an image another service of the project builds, and `${TAG}` values.',
    category: 'hardening',
    severity: 'warning',
    securitySeverity: 3.0,
    recommended: true,
    fixable: false,
    messages: {
      untagged: 'service "{{service}}" uses image {{image}} without a tag, which means :latest; pin a version tag (or a digest)',
      latest: 'service "{{service}}" uses image {{image}}: latest changes under you; pin a version tag (or a digest)',
      floating: 'service "{{service}}" uses image {{image}}: the tag "{{tag}}" names no version and moves as latest does; pin a version tag (or a digest)',
    },
    references: [
      'OWASP Docker Security Cheat Sheet RULE #13: Enhance Supply Chain Security',
      'KICS: none for docker-compose (Dockerfile query "Image Version Using \'latest\'")',
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
      if (isDigest(ref.digest)) continue;
      if (!ref.tag) report({ messageId: 'untagged', data: { service: service.name, image }, at: service.image!, service });
      else if (ref.tag === 'latest') report({ messageId: 'latest', data: { service: service.name, image }, at: service.image!, service });
      else if (isFloating(ref.tag)) report({ messageId: 'floating', data: { service: service.name, image, tag: ref.tag }, at: service.image!, service });
    }
  },
});
