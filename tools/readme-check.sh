#!/usr/bin/env bash
# Proves README.md's "Use the checks in your build / Maven" by copy-paste: installs rowguard from
# this checkout into a PRIVATE local Maven repository, then builds three tiny projects made of
# nothing but the README's snippets (the fenced blocks after each "<!-- readme-check: NAME -->")
# and checks that each gets its finding:
#   plain        JDBC Statement.executeUpdate("delete from tenant")      JDK 17, Error Prone 2.42.0
#   lombok       the same, in a class whose @Getter getter is used         JDK 17
#   spring-boot  Spring Boot 3.5 parent, a Spring Data repository's deleteAll(); a @MassDelete one
#                is not reported
#   plain again on JDK 21+ with Error Prone 2.50.0 (README's "JDK 21 or newer"), when one is found
#
#   tools/readme-check.sh [WORK_DIR]      (default: a new /tmp/rowguard-readme.XXXXXX)
#   README_CHECK_M2=DIR                   the private local repository (default WORK_DIR/m2,
#                                         seeded with a copy of ~/.m2/repository when it exists)
#   README_CHECK_JDK21=DIR                a JDK 21+ (default: /usr/lib/jvm/temurin-25-jdk-amd64)
#
# Never installs into ~/.m2. Not part of `mvn verify` or CI: it downloads Spring Boot on its first
# run. About 1 minute on the 2-core build machine once the private repository holds Spring Boot.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readme="$repo/README.md"
work="${1:-$(mktemp -d /tmp/rowguard-readme.XXXXXX)}"
mkdir -p "$work"
m2="${README_CHECK_M2:-$work/m2}"
jdk21="${README_CHECK_JDK21:-/usr/lib/jvm/temurin-25-jdk-amd64}"
failures=0

# The fenced block after "<!-- readme-check: NAME -->", without its fences.
snippet() {
  awk -v name="$1" '
    $0 == "<!-- readme-check: " name " -->" { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }
  ' "$readme" | { out=$(cat); [ -n "$out" ] || { echo "readme-check: README.md has no snippet '$1'" >&2; exit 2; }; printf '%s\n' "$out"; }
}

if [ ! -d "$m2" ]; then
  mkdir -p "$m2"
  [ -d "$HOME/.m2/repository" ] && cp -a "$HOME/.m2/repository/." "$m2/"
fi
mvn_private=(-Dmaven.repo.local="$m2")

echo "== installing rowguard from $repo into $m2 (README: $(snippet install))"
install_cmd=$(snippet install)
# shellcheck disable=SC2086 # the README's command, word-split as a shell would
(cd "$repo" && $install_cmd -q "${mvn_private[@]}")

# project NAME PARENT_XML DEPENDENCIES_XML EXTRA_PATHS_XML: a pom made of the README's snippets.
project() {
  local dir="$work/$1"
  rm -rf "$dir"
  mkdir -p "$dir/.mvn" "$dir/src/main/java/com/example"
  snippet jvm.config > "$dir/.mvn/jvm.config"
  local plugin
  plugin=$(snippet compiler-plugin)
  if [ -n "$4" ]; then
    # The README says: one more <path> inside <annotationProcessorPaths>.
    plugin=$(python3 -c 'import sys; p, extra = sys.argv[1], sys.argv[2]; print(p.replace("</annotationProcessorPaths>", extra + "\n</annotationProcessorPaths>", 1))' "$plugin" "$4")
  fi
  cat > "$dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
$2
  <groupId>com.example</groupId>
  <artifactId>$1</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
$3
  </dependencies>
  <build>
    <plugins>
$plugin
    </plugins>
  </build>
</project>
POM
}

# build NAME EXPECTED_FINDING UNEXPECTED [JAVA_HOME]: compiles and checks the log.
build() {
  local dir="$work/$1" log="$work/$1.log"
  echo "== $1: mvn compile${4:+ (JAVA_HOME=$4)}"
  if ! (cd "$dir" && JAVA_HOME="${4:-${JAVA_HOME:-}}" mvn -B compile "${mvn_private[@]}" >"$log" 2>&1); then
    echo "FAIL $1: the build failed; see $log"; tail -n 20 "$log"; failures=$((failures + 1)); return
  fi
  if ! grep -F -- "$2" "$log" | grep -F "[UnguardedBulkDelete]"; then
    echo "FAIL $1: no '$2 ... [UnguardedBulkDelete]' in $log"; failures=$((failures + 1)); return
  fi
  if [ -n "$3" ] && grep -F -- "$3" "$log"; then
    echo "FAIL $1: '$3' in $log"; failures=$((failures + 1)); return
  fi
  echo "ok   $1"
}

cleanup_java='package com.example;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

public class TenantCleanup {
  public int removeAll(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("delete from tenant");
    }
  }
}'

# 1. plain
project plain "" "" ""
printf '%s\n' "$cleanup_java" > "$work/plain/src/main/java/com/example/TenantCleanup.java"
build plain "TenantCleanup.java:[10," ""

# 2. Lombok: the README's Lombok <path>; a @Getter getter is used.
project lombok "" "
    <dependency>
      <groupId>org.projectlombok</groupId>
      <artifactId>lombok</artifactId>
      <version>1.18.38</version>
      <scope>provided</scope>
    </dependency>" "$(snippet lombok-path)"
cat > "$work/lombok/src/main/java/com/example/TenantCleanup.java" <<'JAVA'
package com.example;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import lombok.Getter;

public class TenantCleanup {
  @Getter private final String table = "tenant";

  public int removeAll(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("delete from tenant");
    }
  }

  public String describe() {
    return "cleans " + getTable();
  }
}
JAVA
build lombok "TenantCleanup.java:[13," "cannot find symbol"

# 3. Spring Boot 3.5 with Spring Data JPA and the annotations dependency.
project spring-boot "
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.5.0</version>
    <relativePath/>
  </parent>" "
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-data-jpa</artifactId>
    </dependency>
$(snippet annotations-dependency)" ""
cat > "$work/spring-boot/src/main/java/com/example/Tenant.java" <<'JAVA'
package com.example;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

@Entity
public class Tenant {
  @Id private UUID id;
}
JAVA
cat > "$work/spring-boot/src/main/java/com/example/TenantRepository.java" <<'JAVA'
package com.example;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TenantRepository extends JpaRepository<Tenant, UUID> {}
JAVA
cat > "$work/spring-boot/src/main/java/com/example/TenantSync.java" <<'JAVA'
package com.example;

import dev.rowguard.annotations.MassDelete;
import org.springframework.stereotype.Service;

@Service
public class TenantSync {
  private final TenantRepository tenants;

  public TenantSync(TenantRepository tenants) {
    this.tenants = tenants;
  }

  public void sync() {
    tenants.deleteAll();
  }

  @MassDelete(reason = "test fixtures are reset every night")
  public void resetFixtures() {
    tenants.deleteAll();
  }
}
JAVA
build spring-boot "TenantSync.java:[15," "TenantSync.java:[20,"

# 4. README's "JDK 21 or newer": the plain project with Error Prone 2.50.0.
if [ -x "$jdk21/bin/javac" ]; then
  project plain-jdk21 "" "" ""
  sed -i '/<artifactId>error_prone_core<\/artifactId>/{n;s:<version>2.42.0</version>:<version>2.50.0</version>:}' "$work/plain-jdk21/pom.xml"
  grep -q '<version>2.50.0</version>' "$work/plain-jdk21/pom.xml" || { echo "readme-check: could not set Error Prone 2.50.0" >&2; exit 2; }
  printf '%s\n' "$cleanup_java" > "$work/plain-jdk21/src/main/java/com/example/TenantCleanup.java"
  build plain-jdk21 "TenantCleanup.java:[10," "" "$jdk21"
else
  echo "SKIPPED plain-jdk21: no JDK 21+ at $jdk21 (set README_CHECK_JDK21)"
fi

if [ "$failures" -gt 0 ]; then
  echo "readme-check: $failures project(s) failed; logs in $work"
  exit 1
fi
echo "readme-check: every project got its finding by copy-paste of README.md; logs in $work"
