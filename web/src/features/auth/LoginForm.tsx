import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useFormat, useT, type PlainMessageKey } from '../../i18n';
import { isApiError } from '../../lib/api';
import { loginErrorMessage } from './loginErrorMessage';
import { authErrorCodes, type LoginRequest } from './types';
import { useLogin } from './useLogin';

type Field = keyof LoginRequest;
type FieldErrors = Partial<Record<Field, PlainMessageKey>>;

// Deliberately loose: the server decides what a valid address is; this only catches obvious typos.
const plausibleEmail = /^[^\s@]+@[^\s@]+$/;

function validate(values: LoginRequest): FieldErrors {
  const errors: FieldErrors = {};
  if (values.tenant === '') errors.tenant = 'login.validation.workspaceRequired';
  if (values.email === '') errors.email = 'login.validation.emailRequired';
  else if (!plausibleEmail.test(values.email)) errors.email = 'login.validation.emailInvalid';
  if (values.password === '') errors.password = 'login.validation.passwordRequired';
  return errors;
}

export function LoginForm({ initialTenant }: { initialTenant: string }) {
  const t = useT();
  const format = useFormat();
  const loginMutation = useLogin();
  const [values, setValues] = useState<LoginRequest>({ tenant: initialTenant, email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [passwordVisible, setPasswordVisible] = useState(false);
  const inputs = {
    tenant: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  } satisfies Record<Field, unknown>;

  const change = (field: Field) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loginMutation.isPending) return;
    const request: LoginRequest = {
      tenant: values.tenant.trim().toLowerCase(),
      email: values.email.trim(),
      password: values.password,
    };
    const found = validate(request);
    setErrors(found);
    const firstInvalid = (['tenant', 'email', 'password'] as const).find((field) => found[field]);
    if (firstInvalid) {
      inputs[firstInvalid].current?.focus();
      return;
    }
    loginMutation.mutate(request, {
      onError: (error) => {
        // Wrong credentials: the password is the likeliest culprit, so start it again.
        if (isApiError(error) && error.code === authErrorCodes.invalidCredentials) {
          setValues((current) => ({ ...current, password: '' }));
          inputs.password.current?.focus();
        }
      },
    });
  };

  const failure = loginMutation.isError
    ? loginErrorMessage(
        { error: loginMutation.error, submittedAt: loginMutation.submittedAt },
        t,
        format,
        Date.now(),
      )
    : null;

  return (
    <form onSubmit={submit} noValidate aria-busy={loginMutation.isPending}>
      <Stack gap="md">
        {failure && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
            title={t('login.error.title')}
          >
            {failure}
          </Alert>
        )}
        <TextInput
          ref={inputs.tenant}
          name="tenant"
          label={t('login.workspace')}
          description={t('login.workspaceDescription')}
          value={values.tenant}
          onChange={change('tenant')}
          error={errors.tenant && t(errors.tenant)}
          autoComplete="organization"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={initialTenant === ''}
          required
          withAsterisk={false}
        />
        <TextInput
          ref={inputs.email}
          name="email"
          type="email"
          label={t('login.email')}
          value={values.email}
          onChange={change('email')}
          error={errors.email && t(errors.email)}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus={initialTenant !== ''}
          required
          withAsterisk={false}
        />
        <PasswordInput
          ref={inputs.password}
          name="password"
          label={t('login.password')}
          value={values.password}
          onChange={change('password')}
          error={errors.password && t(errors.password)}
          autoComplete="current-password"
          visible={passwordVisible}
          onVisibilityChange={setPasswordVisible}
          visibilityToggleButtonProps={{
            'aria-label': passwordVisible ? t('login.hidePassword') : t('login.showPassword'),
          }}
          required
          withAsterisk={false}
        />
        <Button type="submit" fullWidth mt="xs" loading={loginMutation.isPending}>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
