import { Group, Text } from '@mantine/core';

/** The product mark (the same speech bubble as the favicon) and name. */
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg';
  const mark = large ? 40 : 30;
  return (
    <Group gap={large ? 'sm' : 'xs'} wrap="nowrap">
      <svg width={mark} height={mark} viewBox="0 0 32 32" aria-hidden focusable="false">
        <rect width="32" height="32" rx="8" fill="var(--mantine-primary-color-filled)" />
        <path
          d="M8 10.5A2.5 2.5 0 0 1 10.5 8h11a2.5 2.5 0 0 1 2.5 2.5v7a2.5 2.5 0 0 1-2.5 2.5H14l-4.5 4v-4A2.5 2.5 0 0 1 8 17.5z"
          fill="#fff"
        />
      </svg>
      <Text component="span" fw={700} fz={large ? 24 : 'lg'} lts={-0.2} c="dark.8">
        Sessiondesk
      </Text>
    </Group>
  );
}
