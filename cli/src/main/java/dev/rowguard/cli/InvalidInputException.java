package dev.rowguard.cli;

/** Input the user must fix; its message is the one line the command prints, saying what to do. */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
