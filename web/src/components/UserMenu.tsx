import { Avatar, Group, Loader, Menu, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { ChangePasswordModal } from '../features/admin/ChangePasswordModal';
import { useLogout, useSignedInMe } from '../features/auth';
import { languages, useI18n } from '../i18n';
import classes from './UserMenu.module.css';

/** The signed-in user's name and role, opening account details, language and sign-out. */
export function UserMenu() {
  const { user, tenant } = useSignedInMe();
  const { t, language, setLanguage } = useI18n();
  const logout = useLogout();
  const [opened, setOpened] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const roleLabel = t(`role.${user.role}`);

  return (
    <>
      <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
      <Menu
        opened={opened}
        onChange={(next) => {
          setOpened(next);
          if (!next) logout.reset();
        }}
        position="bottom-end"
        width={280}
        shadow="md"
        withinPortal
      >
        <Menu.Target>
          <UnstyledButton className={classes.target} aria-label={t('account.menuLabel', { name: user.name })}>
            <Group gap="sm" wrap="nowrap">
              <Avatar size={32} radius="xl" variant="light" name={user.name} aria-hidden />
              <Stack gap={0} visibleFrom="sm" className={classes.identity}>
                <Text size="sm" fw={600} lh={1.25} truncate>
                  {user.name}
                </Text>
                <Text size="xs" c="dimmed" lh={1.25} truncate>
                  {roleLabel}
                </Text>
              </Stack>
              <IconChevronDown size={16} stroke={1.7} aria-hidden className={classes.chevron} />
            </Group>
          </UnstyledButton>
        </Menu.Target>

        <Menu.Dropdown>
          <div className={classes.account}>
            <Text size="xs" c="dimmed">
              {t('account.signedInAs')}
            </Text>
            <Text size="sm" fw={600} truncate>
              {user.name}
            </Text>
            {user.email && (
              <Text size="xs" c="dimmed" truncate title={user.email}>
                {user.email}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {roleLabel}
            </Text>
            <Text size="xs" c="dimmed" mt="xs">
              {t('account.workspace')}
            </Text>
            <Text size="sm" truncate>
              {tenant.name}
            </Text>
          </div>

          <Menu.Divider />
          <Menu.Label>{t('language.label')}</Menu.Label>
          {languages.map((value) => (
            <Menu.Item
              key={value}
              lang={value}
              onClick={() => setLanguage(value)}
              rightSection={language === value ? <IconCheck size={16} aria-hidden /> : null}
            >
              {t(`language.${value}`)}
              {language === value && <VisuallyHidden> {t('language.selected')}</VisuallyHidden>}
            </Menu.Item>
          ))}

          <Menu.Divider />
          {user.id && (
            <Menu.Item
              leftSection={<IconKey size={16} aria-hidden />}
              onClick={() => setChangingPassword(true)}
            >
              {t('account.changePassword')}
            </Menu.Item>
          )}
          <Menu.Item
            leftSection={logout.isPending ? <Loader size={14} /> : <IconLogout size={16} aria-hidden />}
            closeMenuOnClick={false}
            disabled={logout.isPending}
            onClick={() => logout.mutate()}
          >
            {t('account.signOut')}
          </Menu.Item>
          {logout.isError && (
            <Text role="alert" size="xs" c="red.7" px="sm" pb={6}>
              {t('account.signOutFailed')}
            </Text>
          )}
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
