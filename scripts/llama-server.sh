#!/usr/bin/env bash
# Build, start and stop a real OpenAI-compatible server (llama.cpp's llama-server) for the
# integration tests in test/llama-server/.
#
# The llama.cpp source comes from the npm package node-llama-cpp, which carries it as a git
# bundle, so only the npm registry is needed. The binary is cached outside the repository, keyed
# by the bundle's commit, so a machine builds it once (6-12 minutes on 2 cores).
#
# Usage:
#   scripts/llama-server.sh build            # build (or reuse) the binary; prints its path
#   eval "$(scripts/llama-server.sh start)"  # exports HILO_LLAMA_URL (+ HILO_LLAMA_EMBED_URL)
#   scripts/llama-server.sh stop             # stops what start started
#
# Environment:
#   HILO_CACHE_DIR       cache root (default: $HOME/.cache/hilo)
#   HILO_LLAMA_RUN_DIR   pid, log and model files (start: default a new temporary directory;
#                        stop: required, and exported by start)
#   HILO_LLAMA_EMBED=0   do not start the second (embeddings) instance
#   HILO_LLAMA_TIMEOUT   seconds to wait for /health (default: 60)
#
# Everything but the final `export` lines goes to stderr, so `eval` sees only shell.
set -euo pipefail

readonly NODE_LLAMA_CPP_VERSION=3.21.1 # pinned: later versions break `npm ci` (see notes)
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${HILO_CACHE_DIR:-$HOME/.cache/hilo}"
PACK_DIR="$CACHE_DIR/node-llama-cpp-$NODE_LLAMA_CPP_VERSION"
COMMIT_FILE="$PACK_DIR/bundle-commit"

log() { printf '[llama-server] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# The commit the bundle's HEAD points at; fetches and unpacks the npm package when needed.
bundle_commit() {
  if [ -s "$COMMIT_FILE" ]; then
    cat "$COMMIT_FILE"
    return
  fi
  mkdir -p "$PACK_DIR"
  local tarball="$PACK_DIR/node-llama-cpp-$NODE_LLAMA_CPP_VERSION.tgz"
  if [ ! -s "$tarball" ]; then
    log "fetching node-llama-cpp@$NODE_LLAMA_CPP_VERSION from the npm registry"
    (cd "$PACK_DIR" && npm pack "node-llama-cpp@$NODE_LLAMA_CPP_VERSION" --silent >&2)
  fi
  local bundle="$PACK_DIR/package/llama/gitRelease.bundle"
  if [ ! -s "$bundle" ]; then
    tar -xzf "$tarball" -C "$PACK_DIR" package/llama/gitRelease.bundle
  fi
  local commit
  commit="$(git bundle list-heads "$bundle" | awk 'NR == 1 { print $1 }')"
  [ -n "$commit" ] || die "no head in $bundle"
  printf '%s\n' "$commit" >"$COMMIT_FILE"
  printf '%s\n' "$commit"
}

STARTED=0

binary_path() { printf '%s/bin/llama-server-%s\n' "$CACHE_DIR" "$1"; }

cmd_build() {
  mkdir -p "$CACHE_DIR"
  # One build at a time per cache: a second caller waits, then finds the binary.
  exec 9>"$CACHE_DIR/build.lock"
  flock 9
  local commit bin
  commit="$(bundle_commit)"
  bin="$(binary_path "$commit")"
  if [ -x "$bin" ]; then
    log "cached binary: $bin"
    printf '%s\n' "$bin"
    return
  fi
  local src="$CACHE_DIR/src/llama.cpp-$commit"
  if [ ! -f "$src/CMakeLists.txt" ]; then
    rm -rf "$src"
    mkdir -p "$CACHE_DIR/src"
    log "cloning the bundle at $commit"
    git clone --quiet "$PACK_DIR/package/llama/gitRelease.bundle" "$src" >&2
    git -C "$src" -c advice.detachedHead=false checkout --quiet "$commit" >&2
  fi
  local started=$SECONDS
  log "configuring"
  # LLAMA_USE_PREBUILT_UI defaults to ON and downloads web assets at build time: keep it OFF.
  # GGML_NATIVE=OFF so a cached binary still runs if the cache moves to another CPU.
  cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_USE_PREBUILT_UI=OFF \
    -DLLAMA_BUILD_UI=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
    -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=OFF >&2
  log "building llama-server (several minutes on 2 cores)"
  cmake --build "$src/build" --target llama-server -j2 >&2
  mkdir -p "$(dirname "$bin")"
  cp "$src/build/bin/llama-server" "$bin.tmp"
  mv "$bin.tmp" "$bin"
  log "built $bin in $((SECONDS - started)) s"
  rm -rf "$src/build" # 15 MB binary kept; the ~1 GB of objects are not needed any more
  printf '%s\n' "$bin"
}

free_port() {
  node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

# Starts one instance; prints its port. $1 = name, rest = extra llama-server flags.
start_instance() {
  local name=$1
  shift
  local pid_file="$RUN_DIR/$name.pid" log_file="$RUN_DIR/$name.log"
  local timeout="${HILO_LLAMA_TIMEOUT:-60}" attempt port pid
  for attempt in 1 2 3; do
    port="$(free_port)"
    "$BIN" -m "$MODEL" --host 127.0.0.1 --port "$port" -t 1 --offline "$@" >"$log_file" 2>&1 &
    pid=$!
    printf '%s\n' "$pid" >"$pid_file"
    local deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
      if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; then
        log "$name ready on port $port (pid $pid, log $log_file)"
        printf '%s\n' "$port"
        return
      fi
      sleep 0.2
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$pid_file"
    log "$name did not become healthy (attempt $attempt); last log lines:"
    tail -n 15 "$log_file" >&2 || true
  done
  die "$name failed to start"
}

cmd_start() {
  BIN="$(cmd_build)"
  # A run directory of its own, so two starts on one machine (several checkouts, or CI while
  # someone works) never share pid files or stop each other's servers.
  RUN_DIR="${HILO_LLAMA_RUN_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/hilo-llama.XXXXXX")}"
  mkdir -p "$RUN_DIR"
  # If anything below fails, stop what was already started: the caller never gets the exports.
  trap '[ "$STARTED" = 1 ] || HILO_LLAMA_RUN_DIR="$RUN_DIR" cmd_stop' EXIT
  MODEL="$RUN_DIR/tiny-llama.gguf"
  log "writing the tiny random-weight model"
  (cd "$REPO_ROOT" && npx --no-install tsx test/llama-server/write-tiny-model.ts "$MODEL" >&2)
  local port embed_port
  # -np 4 slots (n must be <= slots); --threads-http 32 so concurrent requests never queue for
  # an HTTP thread; -t 1 because two compute threads on a shared 2-core machine collapse.
  port="$(start_instance chat -c 4096 -np 4 --threads-http 32)"
  printf 'export HILO_LLAMA_RUN_DIR=%q\n' "$RUN_DIR"
  printf 'export HILO_LLAMA_URL=http://127.0.0.1:%s\n' "$port"
  if [ "${HILO_LLAMA_EMBED:-1}" != 0 ]; then
    # -np 1: with several slots, llama-server decodes texts of different lengths in one batch
    # and a text's vector then depends on its neighbours (cosine down to 0.85 measured on the
    # tiny model); one slot computes each text alone, so equal texts always get equal vectors.
    embed_port="$(start_instance embed -c 1024 -np 1 --threads-http 8 --embeddings --pooling mean)"
    printf 'export HILO_LLAMA_EMBED_URL=http://127.0.0.1:%s\n' "$embed_port"
  fi
  printf '# pid files: %s/*.pid, logs: %s/*.log\n' "$RUN_DIR" "$RUN_DIR"
  STARTED=1
}

# Whether a pid runs llama-server on a model inside the given run directory.
is_our_server() {
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *llama-server*" -m $2/"* ]]
}

cmd_stop() {
  [ -n "${HILO_LLAMA_RUN_DIR:-}" ] || die "HILO_LLAMA_RUN_DIR is not set: nothing to stop (start exports it)"
  local name pid_file pid
  for name in chat embed; do
    pid_file="$HILO_LLAMA_RUN_DIR/$name.pid"
    [ -f "$pid_file" ] || continue
    pid="$(cat "$pid_file")"
    # Only a process that is still our llama-server: a stale pid may belong to something else now.
    if kill -0 "$pid" 2>/dev/null && is_our_server "$pid" "$HILO_LLAMA_RUN_DIR"; then
      kill "$pid"
      for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
      log "stopped $name (pid $pid)"
    fi
    rm -f "$pid_file"
  done
  rm -f "$HILO_LLAMA_RUN_DIR/tiny-llama.gguf" # logs stay, for a look after a failed run
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  *)
    echo "usage: $0 build|start|stop" >&2
    exit 2
    ;;
esac
