"""Staff sign-in security: lock-out, MFA, session lifetime and the sign-in audit log."""
