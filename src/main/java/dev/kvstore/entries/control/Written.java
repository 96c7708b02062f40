package dev.kvstore.entries.control;

import dev.kvstore.entries.entity.Entry;

/**
 * What a SET did, and the entry as it now stands.
 *
 * @param created whether the key was absent (never written, deleted or expired) before the write
 * @param entry the entry after the write
 */
public record Written(boolean created, Entry entry) {

  /** The SET's answer (the seed's): {@code {"status","action","key","expires_at"}}. */
  public String toJson() {
    return entry.toWrittenJson(created ? "created" : "updated");
  }
}
