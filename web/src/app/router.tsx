import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from '../components/AppShell';
import { AdminLayout } from '../features/admin/AdminLayout';
import { adminPages } from '../features/admin/adminPages';
import { LoginPage, RequireAuth } from '../features/auth';
import { SessionsPage } from '../features/sessions/SessionsPage';
import { WorkspacePage } from '../features/workspace/WorkspacePage';
import { NotFoundPage } from './NotFoundPage';
import { RouteErrorPage } from './RouteErrorPage';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      {
        // A page that crashes is replaced inside the shell, keeping navigation and sign-out usable.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/sessions" replace /> },
          { path: 'sessions', element: <SessionsPage /> },
          { path: 'workspace', element: <WorkspacePage /> },
          {
            path: 'admin',
            element: <AdminLayout />,
            children: adminPages.map(({ path, component: Page }) => ({ path, element: <Page /> })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
