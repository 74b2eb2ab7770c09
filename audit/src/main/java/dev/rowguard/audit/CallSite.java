package dev.rowguard.audit;

/**
 * Where application code asked for a delete, and why if it said so.
 *
 * @param function fully qualified method ({@code code.function.name}), or null if every frame was
 *     excluded
 * @param file source file name ({@code code.file.path}), or null
 * @param line line number ({@code code.line.number}), or -1
 * @param reason the innermost {@code @MassDelete} reason on the stack, or null
 */
record CallSite(String function, String file, int line, String reason) {}
