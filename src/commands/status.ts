// `/brief status`: sources with their last fetch and errors, and digests that failed to post.
import { z } from 'zod';
import { defineCommand } from './definition.js';

export const statusCommand = defineCommand({
  name: 'status',
  usage: '/brief status',
  description: 'Sources with their last fetch, article counts and errors; digests that failed to post',
  options: [],
  args: z.object({}),
  fromText: () => ({}),
  async execute(_args, { services, invocation, now }) {
    return { kind: 'status', visibility: 'ephemeral', report: await services.status.report(invocation, now) };
  },
});
