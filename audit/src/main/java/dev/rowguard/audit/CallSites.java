package dev.rowguard.audit;

import dev.rowguard.annotations.MassDelete;
import java.lang.StackWalker.StackFrame;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds the call site of a statement (the first frame outside JDBC, ORM and framework code) and the
 * {@link MassDelete} reason on the stack. Only runs for deletes, so the stack walk's cost does not
 * touch ordinary statements.
 */
final class CallSites {

  /** Packages of drivers, pools, ORMs, frameworks, proxies and rowguard itself. */
  static final List<String> DEFAULT_EXCLUDES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "jakarta.",
          "net.ttddyy.",
          "org.h2.",
          "org.postgresql.",
          "org.hibernate.",
          "org.springframework.",
          "com.zaxxer.",
          "org.apache.commons.dbcp2.",
          "com.mchange.",
          "org.jooq.",
          "org.mybatis.",
          "org.eclipse.persistence.",
          "dev.rowguard.audit.DeleteAuditListener",
          "dev.rowguard.audit.CallSites",
          "dev.rowguard.audit.HibernateDeletes",
          "dev.rowguard.audit.PendingDeletes");

  /**
   * Frames kept of a deferred call site: enough for any {@code callSiteExcludes} of a data source.
   */
  private static final int DEFERRED_FRAMES = 8;

  /** The default-excluding finder {@link #capture} uses. */
  private static final CallSites DEFAULTS = new CallSites(List.of());

  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  /** Reason per frame method; "" for none. Methods are few and fixed, so the map stays small. */
  private static final Map<String, String> REASONS = new ConcurrentHashMap<>();

  /**
   * Whether a {@code @MassDelete} can apply to a frame of the class: on the class, one of its
   * methods or constructors, or an interface it implements (or one of that interface's methods).
   * Checked once per class, so the walk over framework frames costs a lookup each.
   */
  private static final ClassValue<Boolean> MAY_HAVE_REASON =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            if (annotated(type) || type.isAnnotationPresent(MassDelete.class)) {
              return true;
            }
            for (java.lang.reflect.Constructor<?> c : type.getDeclaredConstructors()) {
              if (c.isAnnotationPresent(MassDelete.class)) {
                return true;
              }
            }
            for (Class<?> i : allInterfaces(type)) {
              if (i.isAnnotationPresent(MassDelete.class)) {
                return true;
              }
              for (Method m : i.getMethods()) {
                if (m.isAnnotationPresent(MassDelete.class)) {
                  return true;
                }
              }
            }
            return false;
          } catch (LinkageError | SecurityException e) {
            return true; // cannot tell: look the frame up exactly, as lookUp handles this
          }
        }

        private boolean annotated(Class<?> type) {
          for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(MassDelete.class)) {
              return true;
            }
          }
          return false;
        }
      };

  private final String[] excludes;

  CallSites(List<String> extraExcludes) {
    List<String> all = new ArrayList<>(DEFAULT_EXCLUDES);
    all.addAll(extraExcludes);
    this.excludes = all.toArray(String[]::new);
  }

  CallSite find() {
    return WALKER.walk(this::scan);
  }

  /**
   * The call site of a delete on {@code table}: where the application asked an ORM to remove the
   * entity whose delete this is, when {@link PendingDeletes} knows it (the ORM flushes later, from
   * other code), else the current stack's.
   */
  CallSite find(String table) {
    Deferred asked = PendingDeletes.siteOf(table);
    if (asked == null) {
      return find();
    }
    for (StackTraceElement f : asked.frames()) {
      if (!excluded(f.getClassName())) {
        return new CallSite(
            f.getClassName() + "." + f.getMethodName(),
            f.getFileName(),
            f.getLineNumber(),
            asked.reason());
      }
    }
    return new CallSite(null, null, -1, asked.reason());
  }

  /**
   * The current stack as a call site to be resolved later, when the statement it asks for runs: the
   * first frames outside the default excludes (a data source's own excludes are applied then) and
   * the {@code @MassDelete} reason.
   */
  static Deferred capture() {
    return WALKER.walk(DEFAULTS::deferred);
  }

  /** A call site captured before its statement ran: candidate frames, innermost first. */
  record Deferred(List<StackTraceElement> frames, String reason) {}

  private Deferred deferred(Stream<StackFrame> frames) {
    List<StackTraceElement> sites = new ArrayList<>(DEFERRED_FRAMES);
    String reason = null;
    for (StackFrame f : (Iterable<StackFrame>) frames::iterator) {
      if (sites.size() < DEFERRED_FRAMES && !excluded(f.getClassName())) {
        sites.add(f.toStackTraceElement());
      }
      if (reason == null) {
        reason = reasonOf(f);
      }
      if (sites.size() == DEFERRED_FRAMES && reason != null) {
        break;
      }
    }
    return new Deferred(List.copyOf(sites), reason);
  }

  private CallSite scan(Stream<StackFrame> frames) {
    StackFrame site = null;
    String reason = null;
    for (StackFrame f : (Iterable<StackFrame>) frames::iterator) {
      if (site == null && !excluded(f.getClassName())) {
        site = f;
      }
      if (reason == null) {
        reason = reasonOf(f);
      }
      if (site != null && reason != null) {
        break;
      }
    }
    return site == null
        ? new CallSite(null, null, -1, reason)
        : new CallSite(
            site.getClassName() + "." + site.getMethodName(),
            site.getFileName(),
            site.getLineNumber(),
            reason);
  }

  private boolean excluded(String className) {
    if (className.contains("$$")
        || className.contains("$Proxy")
        || className.contains("$HibernateProxy")) {
      return true;
    }
    for (String prefix : excludes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The reason of a {@code @MassDelete} on the frame's method or class (or an interface's), else
   * null.
   */
  private static String reasonOf(StackFrame f) {
    if (!MAY_HAVE_REASON.get(f.getDeclaringClass())) {
      return null; // almost every frame: no key built, no map looked up
    }
    String key = f.getClassName() + '#' + f.getMethodName() + f.getDescriptor();
    String r = REASONS.computeIfAbsent(key, k -> lookUp(f).orElse(""));
    return r.isEmpty() ? null : r;
  }

  private static Optional<String> lookUp(StackFrame f) {
    Class<?> type = f.getDeclaringClass();
    Class<?>[] params = f.getMethodType().parameterArray();
    try {
      if (f.getMethodName().equals("<init>")) {
        MassDelete m = type.getDeclaredConstructor(params).getAnnotation(MassDelete.class);
        if (m != null) {
          return Optional.of(m.reason());
        }
      } else {
        Optional<String> onMethod = onMethod(type, f.getMethodName(), params);
        if (onMethod.isPresent()) {
          return onMethod;
        }
      }
    } catch (NoSuchMethodException | SecurityException | LinkageError e) {
      // synthetic or inaccessible frame: no annotation to find
    }
    MassDelete onType = type.getAnnotation(MassDelete.class);
    return Optional.ofNullable(onType == null ? null : onType.reason());
  }

  /**
   * The method itself, else the same method on an implemented interface (repository interfaces
   * behind proxies).
   */
  private static Optional<String> onMethod(Class<?> type, String name, Class<?>[] params) {
    try {
      MassDelete m = type.getDeclaredMethod(name, params).getAnnotation(MassDelete.class);
      if (m != null) {
        return Optional.of(m.reason());
      }
    } catch (NoSuchMethodException e) {
      // inherited or bridged: look at the interfaces below
    }
    for (Class<?> i : allInterfaces(type)) {
      try {
        Method im = i.getMethod(name, params);
        MassDelete m = im.getAnnotation(MassDelete.class);
        if (m == null) {
          m = im.getDeclaringClass().getAnnotation(MassDelete.class);
        }
        if (m != null) {
          return Optional.of(m.reason());
        }
      } catch (NoSuchMethodException e) {
        // not this interface's method
      }
    }
    return Optional.empty();
  }

  private static List<Class<?>> allInterfaces(Class<?> type) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (!out.contains(i)) {
          out.add(i);
        }
      }
    }
    return out;
  }
}
