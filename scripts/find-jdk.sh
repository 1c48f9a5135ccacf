# Sourced by ./mvnw and ./wirekit: sets JAVA_HOME to the newest JDK >= $MIN_JAVA (default 21).
# JAVA_HOME wins when it qualifies; otherwise the newest JDK under /usr/lib/jvm, /usr/java,
# ~/.sdkman or /opt/java. Wirekit targets Java 21 and is built and tested on the newest JDK present.
MIN_JAVA=${MIN_JAVA:-21}

wirekit_java_major() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
  fi
}

wirekit_pick_jdk() {
  best="" best_v=0
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(wirekit_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$MIN_JAVA" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for d in /usr/lib/jvm/* /usr/java/* "$HOME"/.sdkman/candidates/java/* /opt/java/*; do
    [ -d "$d" ] || continue
    v=$(wirekit_java_major "$d"); [ -n "$v" ] || continue
    if [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ "$best_v" -lt "$MIN_JAVA" ]; then
    echo "wirekit: no JDK $MIN_JAVA or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk" >&2
    return 1
  fi
  echo "$best"
}

JAVA_HOME=$(wirekit_pick_jdk) || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
