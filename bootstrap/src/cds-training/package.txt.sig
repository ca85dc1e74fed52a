{
  "version": 1,
  "algorithm": "ed25519",
  "package_hash": "fe2e55fdd4dbc350b158aca2ef1fe6aa60b49056a8c63206d3ac8a179aa6db86",
  "key_fingerprint": "a144761970436ad1dc7b991294ee844769738ac57adfb85d9046c1a5b6d89cc6",
  "signature": "syAH1cnUkqP3P516kB3i2k2F0WoutMIwjFG2B1/g9GynMb3DZwWnWTPNY/iFw+AQWBbJkin5wmgD1aEllaybCg==",
  "signed_at": "2026-11-25T14:44:02.723194651+00:00"
}