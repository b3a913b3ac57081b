"""Encryption of the protected corruption channel (GlobaLeaks' design on libsodium through PyNaCl).

- Each case has a random 32-byte key; its protected fields, messages, notes and files are encrypted
  with it (XSalsa20-Poly1305 SecretBox).
- The case key is sealed (Curve25519 SealedBox) to the public key of every integrity officer allowed
  on the case, and wrapped for the reporter with a key derived from the receipt.
- An officer's private key is stored wrapped with a key derived from their password (Argon2id), and
  is only ever unwrapped into the officer's vault (sujarit.core.vault) for the length of a session.
- A receipt is stored only as a slow hash: Argon2id(receipt, per-organization salt) gives 64 bytes;
  sha256 of the first half is the lookup value, the second half wraps the case key.

The Argon2id cost comes from settings (SUJARIT_KDF_OPSLIMIT, SUJARIT_KDF_MEMLIMIT); tests lower it
the way they lower the password hasher.
"""

import hashlib
import json

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from django.conf import settings
from nacl.public import PrivateKey, PublicKey, SealedBox

KEY_SIZE = nacl.secret.SecretBox.KEY_SIZE
SALT_SIZE = nacl.pwhash.argon2id.SALTBYTES  # 16
RECEIPT_DIGITS = 16


class CryptoError(Exception):
    """A ciphertext could not be opened: wrong key, wrong receipt or tampered data."""


def kdf(secret, salt, size=KEY_SIZE):
    """Argon2id of secret (str or bytes) with a 16-byte salt, at the configured cost."""
    if isinstance(secret, str):
        secret = secret.encode()
    return nacl.pwhash.argon2id.kdf(
        size,
        secret,
        bytes(salt),
        opslimit=settings.SUJARIT_KDF_OPSLIMIT,
        memlimit=settings.SUJARIT_KDF_MEMLIMIT,
    )


def new_key():
    return nacl.utils.random(KEY_SIZE)


def new_salt():
    return nacl.utils.random(SALT_SIZE)


def encrypt(key, data):
    """bytes -> nonce+ciphertext with the symmetric key."""
    return bytes(nacl.secret.SecretBox(bytes(key)).encrypt(bytes(data)))


def decrypt(key, blob):
    try:
        return nacl.secret.SecretBox(bytes(key)).decrypt(bytes(blob))
    except (nacl.exceptions.CryptoError, ValueError, TypeError) as e:
        raise CryptoError(str(e)) from e


def seal_json(key, obj):
    return encrypt(key, json.dumps(obj, ensure_ascii=False).encode())


def open_json(key, blob):
    if blob is None:
        return None
    return json.loads(decrypt(key, blob).decode())


def seal_text(key, text):
    return encrypt(key, text.encode()) if text else None


def open_text(key, blob):
    return decrypt(key, blob).decode() if blob else ""


# --- public keys: officers ----------------------------------------------------------------------


def new_key_pair(password):
    """(public_key, wrapped_private, salt) for an officer, the private key wrapped by their password."""
    private = PrivateKey.generate()
    salt = new_salt()
    wrapped = encrypt(kdf(password, salt), bytes(private))
    return bytes(private.public_key), wrapped, salt


def unwrap_private(wrapped, salt, password):
    """The officer's private key bytes; CryptoError when the password does not open it."""
    return decrypt(kdf(password, salt), wrapped)


def seal_to(public_key, data):
    return bytes(SealedBox(PublicKey(bytes(public_key))).encrypt(bytes(data)))


def unseal(private_key, blob):
    try:
        return SealedBox(PrivateKey(bytes(private_key))).decrypt(bytes(blob))
    except (nacl.exceptions.CryptoError, ValueError, TypeError) as e:
        raise CryptoError(str(e)) from e


# --- receipts: reporters ------------------------------------------------------------------------


def format_receipt(receipt):
    """16 digits as four groups of four (what a reporter can copy on a phone)."""
    return " ".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))


def normalize_receipt(text):
    """The receipt's digits, Thai digits accepted; None when it cannot be a receipt."""
    if not isinstance(text, str):
        return None
    text = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    digits = "".join(ch for ch in text if ch.isdigit() and ch.isascii())
    rest = "".join(ch for ch in text if not (ch.isdigit() and ch.isascii()) and ch not in " -\t")
    if rest or len(digits) != RECEIPT_DIGITS:
        return None
    return digits


def receipt_keys(receipt, salt):
    """(lookup hex, wrapping key) of a normalized receipt under the organization's salt."""
    out = kdf(receipt, salt, 64)
    return hashlib.sha256(out[:32]).hexdigest(), out[32:]


def token_digest(token):
    """sha256 hex of a high-entropy one-time token (form tokens, session tokens)."""
    return hashlib.sha256(token.encode() if isinstance(token, str) else token).hexdigest()
