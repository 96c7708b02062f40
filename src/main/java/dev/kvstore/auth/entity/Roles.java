package dev.kvstore.auth.entity;

/** The application's security roles, one per scope. */
public final class Roles {

  public static final String READ = "read";
  public static final String WRITE = "write";
  public static final String ADMIN = "admin";

  private Roles() {}
}
