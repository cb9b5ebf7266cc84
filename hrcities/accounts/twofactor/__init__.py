"""Two-factor sign-in: an authenticator app (TOTP) and one-time recovery codes (django-otp).

A user with a confirmed app is asked for a code after the password and is signed in only
then. The network can require an app of everyone who keeps restricted archive records
(`requirement.must_use_two_factor`).

API tokens keep working without a code: a token is created on the account page, from a
session that has given its code whenever its user has an app (or is required to have one),
and it is revoked there too. A token is a separate secret for scripts, not a password.
"""
