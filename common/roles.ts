export const roles = ['admin', 'supervisor', 'operator'] as const;
export type Role = (typeof roles)[number];
