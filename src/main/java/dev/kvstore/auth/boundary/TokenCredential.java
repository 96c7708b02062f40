package dev.kvstore.auth.boundary;

import jakarta.security.enterprise.credential.Credential;

/** A token as sent in {@code Authorization: Bearer} or {@code X-API-Key}. */
record TokenCredential(String token) implements Credential {}
