package dev.kvstore.json;

import dev.kvstore.errors.ServerBusy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Memory for the JSON trees that large texts are parsed into (J6): a tree of small numbers takes
 * about thirty times its text, so requests that build trees of large texts at once — PATCHes of
 * large values, batches with large bodies — share a budget of a quarter of the heap, counted as
 * text at 32 bytes a character. Work on texts under 64 KiB runs without asking; larger work waits
 * its turn up to {@code kv.lock.timeout-seconds} and is then refused with 503 and {@code
 * Retry-After}, where it would otherwise run the whole server out of heap.
 */
@ApplicationScoped
public class TreeBudget {

  /** Texts below this many characters are parsed without asking the budget. */
  static final int SMALL_CHARS = 64 * 1024;

  /** Bytes of heap a character of JSON text is counted for as a tree. */
  static final int BYTES_PER_CHAR = 32;

  /**
   * The part of the heap that trees may take: the rest holds request bodies, values as text, the
   * read cache (an eighth) and the database's buffers.
   */
  static final int HEAP_SHARE = 4;

  /** Permits are KiB of text. */
  private static final int KIB = 1024;

  @Inject
  @ConfigProperty(name = "kv.lock.timeout-seconds")
  int waitSeconds;

  private Semaphore permits;
  private int total;
  private Duration wait;

  /** For CDI; {@link #init} sizes the budget from the heap. */
  protected TreeBudget() {}

  /** A budget for trees of this many characters of text in all, waiting at most {@code wait}. */
  TreeBudget(long totalChars, Duration wait) {
    size(totalChars, wait);
  }

  @PostConstruct
  void init() {
    size(
        Runtime.getRuntime().maxMemory() / HEAP_SHARE / BYTES_PER_CHAR,
        Duration.ofSeconds(waitSeconds));
  }

  private void size(long totalChars, Duration wait) {
    this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, totalChars / KIB));
    this.permits = new Semaphore(total, true);
    this.wait = wait;
  }

  /**
   * Runs work that builds trees of {@code chars} characters of JSON text once there is room for
   * them; work larger than the whole budget runs alone.
   */
  public <T> T within(long chars, Supplier<T> work) {
    if (isSmall(chars)) {
      return work.get();
    }
    int needed = (int) Math.min(total, chars / KIB + (chars % KIB == 0 ? 0 : 1));
    try {
      if (!permits.tryAcquire(needed, wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ServerBusy(
            "The server is busy with other large JSON documents and had no room for this one"
                + " in time; retry.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerBusy("The request was interrupted while it waited for memory; retry.");
    }
    try {
      return work.get();
    } finally {
      permits.release(needed);
    }
  }

  /** Whether work on this many characters runs without asking the budget. */
  public boolean isSmall(long chars) {
    return chars < SMALL_CHARS;
  }

  /** Characters of text the budget has room for now (for tests). */
  long availableChars() {
    return (long) permits.availablePermits() * KIB;
  }
}
