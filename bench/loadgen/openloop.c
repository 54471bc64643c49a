/*
 * openloop: a small open-loop (constant-throughput) HTTP/1.1 load generator.
 *
 * Request i is scheduled at t0 + i/RATE on the monotonic clock, whatever happened to earlier
 * requests. At its scheduled time a request goes out on an idle keep-alive connection; with none
 * idle it waits in a FIFO backlog until one frees up. Latency = time the response was fully
 * received - the request's *scheduled* time, so time spent queued in the client counts
 * (coordinated-omission correction, as in wrk2's -R mode).
 *
 * Single thread, epoll, non-blocking sockets; it sleeps in epoll_wait until a network event or
 * the next scheduled send (a timerfd): no busy waiting. Only libc. Build:  cc -O2 -Wall -Wextra -o openloop openloop.c
 * See README.md beside this file for usage and output.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_S 1000000000LL
#define HEAD_MAX 16384        /* max response head (status line + headers) */
#define LINE_MAX_ 4096        /* max chunk-size / trailer line */
#define RECONNECT_DELAY_NS (100 * 1000000LL)
#define LAG_WARN_NS (10 * 1000000LL)
#define TIMER_TAG UINT64_MAX

/* ---------- histogram: log-linear buckets over nanoseconds (HdrHistogram-like) ----------
 * Values below 256 ns are exact; above, each power of two is split into 128 buckets, so a bucket
 * is at most 1/128 of its lower bound wide and its midpoint is within 0.4% of any value in it.
 * 3,840 buckets cover 0..60 s; larger values are clamped into the last bucket (max is exact). */

#define H_SUB_BITS 7                         /* 128 sub-buckets per power of two */
#define H_SUB (1 << H_SUB_BITS)
#define H_LINEAR (2 * H_SUB)                 /* values 0..255 ns are exact */
#define H_MAX_NS (60LL * NS_PER_S)
#define H_MAX_EXP 35                         /* 2^35 ns = 34.4 s <= 60 s < 2^36 */
#define H_BUCKETS (H_LINEAR + (H_MAX_EXP - H_SUB_BITS) * H_SUB)

static uint64_t hist[H_BUCKETS];
static uint64_t hist_count;

static int h_index(uint64_t ns) {
    if (ns >= (uint64_t)H_MAX_NS) ns = H_MAX_NS;
    if (ns < H_LINEAR) return (int)ns;
    int e = 63 - __builtin_clzll(ns);      /* e >= 8 */
    int shift = e - H_SUB_BITS;
    int sub = (int)(ns >> shift) - H_SUB;  /* 0..127 */
    int idx = H_LINEAR + (e - H_SUB_BITS - 1) * H_SUB + sub;
    return idx < H_BUCKETS ? idx : H_BUCKETS - 1;
}

/* Midpoint (in ns) of bucket idx. */
static double h_value(int idx) {
    if (idx < H_LINEAR) return idx;
    int k = idx - H_LINEAR;
    int e = k / H_SUB + H_SUB_BITS + 1;
    int sub = k % H_SUB;
    int shift = e - H_SUB_BITS;
    double lo = (double)((uint64_t)(H_SUB + sub) << shift);
    return lo + (double)(1ULL << shift) / 2.0;
}

/* ---------- configuration ---------- */

static struct {
    char host[256];
    char hostport[300];
    char path[4096];
    int port;
    double rate;
    double duration;
    double warmup;
    double drain;
    int conns;
    const char *method;
    char *body;
    size_t body_len;
    char *headers;      /* user header lines, each ending in \r\n */
    size_t headers_len;
    const char *unique_header;
    const char *unique_body;   /* placeholder in the body replaced per request */
    size_t unique_body_at;     /* its offset in the body */
    int is_head;
} cfg;

static struct sockaddr_in addr;

/* ---------- connections ---------- */

enum { C_NEW, C_CLOSED, C_CONNECTING, C_IDLE, C_BUSY };
enum { P_HEAD, P_BODY_LEN, P_CHUNK_SIZE, P_CHUNK_DATA, P_CHUNK_END, P_TRAILER, P_BODY_EOF, P_DONE };

typedef struct {
    int fd;
    int state;
    int64_t retry_at;       /* C_CLOSED: when to reconnect */
    /* request in flight */
    uint64_t req;
    int64_t sched;
    int measured;
    char *wbuf;
    size_t wlen, woff;
    int want_out;
    /* response parser */
    int pstate;
    char head[HEAD_MAX];
    size_t hlen;
    char line[LINE_MAX_];
    size_t llen;
    uint64_t remaining;
    int status;
    int close_after;
} conn_t;

static conn_t *conns;
static int *idle_stack;
static int idle_n;
static int n_busy, n_closed;    /* connections in C_BUSY / C_CLOSED */

static void set_state(conn_t *c, int s) {
    n_busy += (s == C_BUSY) - (c->state == C_BUSY);
    n_closed += (s == C_CLOSED) - (c->state == C_CLOSED);
    c->state = s;
}
static int ep = -1, tfd = -1;
static int64_t timer_armed;   /* absolute ns, 0 = not armed */

/* ---------- counters ---------- */

static struct {
    uint64_t sent, completed, non2xx, err_closed, err_parse, err_timeout;
} m;                              /* measured phase */
static struct { uint64_t sent, completed, errors; } w;   /* warm-up phase */
static uint64_t status_count[600];
static uint64_t reconnects, connect_failures;
static uint64_t backlog_max;
static int64_t lag_max;
static uint64_t lag_late;         /* requests noticed more than LAG_WARN_NS after their time */
static int64_t last_done;
static double lat_sum_ns;
static int64_t lat_min_ns = INT64_MAX, lat_max_ns;
static volatile sig_atomic_t interrupted;
static char key_prefix[40];

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static void die(const char *msg) {
    fprintf(stderr, "openloop: %s: %s\n", msg, strerror(errno));
    exit(1);
}

static void usage(const char *fmt, const char *arg) {
    if (fmt) {
        fprintf(stderr, "openloop: ");
        fprintf(stderr, fmt, arg);
        fprintf(stderr, "\n");
    }
    fprintf(stderr,
        "usage: openloop -u http://HOST[:PORT]/PATH -r RATE -d SECONDS -c CONNECTIONS\n"
        "                [-b BODY_FILE] [-H 'Name: value']... [-m METHOD] [-w WARMUP_SECONDS]\n"
        "                [--unique-header NAME] [--unique-body TOKEN] [--drain SECONDS]\n"
        "  -u URL          http:// only; HOST is an IPv4 literal or a name (localhost)\n"
        "  -r RATE         requests per second, constant schedule (open loop)\n"
        "  -d SECONDS      measured duration (after the warm-up)\n"
        "  -c CONNECTIONS  keep-alive connections, one request in flight on each\n"
        "  -b FILE         request body, sent as is; method defaults to POST with a body, else GET;\n"
        "                  Content-Type: application/json is added unless given with -H\n"
        "  -H HEADER       extra request header (repeatable)\n"
        "  -m METHOD       request method\n"
        "  -w SECONDS      warm-up before the measured duration: sent at RATE, not recorded\n"
        "  --unique-header NAME  add 'NAME: <run-random-prefix>-<i>' to request i\n"
        "  --unique-body TOKEN   replace TOKEN (8-32 characters) in the body with as many hex digits\n"
        "                  unique to request i and the run\n"
        "  --drain SECONDS wait this long at the end for outstanding requests (default 5)\n");
    exit(2);
}

/* ---------- setup ---------- */

static double parse_num(const char *opt, const char *s, double min) {
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= min)) usage("bad value for %s", opt);
    return v;
}

static void parse_url(const char *url) {
    if (strncasecmp(url, "http://", 7) != 0) usage("only http:// URLs are supported: %s", url);
    const char *p = url + 7;
    const char *slash = strchr(p, '/');
    size_t hp_len = slash ? (size_t)(slash - p) : strlen(p);
    if (hp_len == 0 || hp_len >= sizeof cfg.hostport) usage("bad host in URL: %s", url);
    memcpy(cfg.hostport, p, hp_len);
    cfg.hostport[hp_len] = 0;
    snprintf(cfg.path, sizeof cfg.path, "%s", slash ? slash : "/");
    if (strpbrk(cfg.path, " \r\n")) usage("bad path in URL: %s", url);
    const char *colon = strchr(cfg.hostport, ':');
    size_t h_len = colon ? (size_t)(colon - cfg.hostport) : hp_len;
    if (h_len == 0 || h_len >= sizeof cfg.host) usage("bad host in URL: %s", url);
    memcpy(cfg.host, cfg.hostport, h_len);
    cfg.host[h_len] = 0;
    cfg.port = 80;
    if (colon) {
        char *end;
        long port = strtol(colon + 1, &end, 10);
        if (*end || port < 1 || port > 65535) usage("bad port in URL: %s", url);
        cfg.port = (int)port;
    }
    struct addrinfo hints = {0}, *res;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(cfg.host, NULL, &hints, &res);
    if (rc) {
        fprintf(stderr, "openloop: cannot resolve %s: %s\n", cfg.host, gai_strerror(rc));
        exit(2);
    }
    memcpy(&addr, res->ai_addr, sizeof addr);
    addr.sin_port = htons((uint16_t)cfg.port);
    freeaddrinfo(res);
}

static void read_body(const char *file) {
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "openloop: cannot open body file %s: %s\n", file, strerror(errno));
        exit(2);
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    if (!buf) die("malloc");
    size_t n;
    while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap && !(buf = realloc(buf, cap *= 2))) die("realloc");
    }
    if (ferror(f)) die("read body file");
    fclose(f);
    cfg.body = buf;
    cfg.body_len = len;
}

static int user_has_header(const char *name) {
    size_t n = strlen(name);
    const char *p = cfg.headers;
    while (p && p < cfg.headers + cfg.headers_len) {
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') return 1;
        p = strstr(p, "\r\n");
        if (p) p += 2;
    }
    return 0;
}

static void add_header(const char *h) {
    const char *colon = strchr(h, ':');
    if (!colon || colon == h || strpbrk(h, "\r\n")) usage("bad header (want 'Name: value'): %s", h);
    if (!strncasecmp(h, "Content-Length:", 15) || !strncasecmp(h, "Transfer-Encoding:", 18))
        usage("%s is set by openloop from the body", h);
    size_t n = strlen(h);
    cfg.headers = realloc(cfg.headers, cfg.headers_len + n + 3);
    if (!cfg.headers) die("realloc");
    memcpy(cfg.headers + cfg.headers_len, h, n);
    memcpy(cfg.headers + cfg.headers_len + n, "\r\n", 3);
    cfg.headers_len += n + 2;
}

/* The request without the unique header line and the body: "METHOD path HTTP/1.1\r\n...headers". */
static char *req_prefix;
static size_t req_prefix_len;

static void build_prefix(void) {
    size_t cap = strlen(cfg.method) + strlen(cfg.path) + strlen(cfg.hostport) + cfg.headers_len + 256;
    req_prefix = malloc(cap);
    if (!req_prefix) die("malloc");
    int n = snprintf(req_prefix, cap, "%s %s HTTP/1.1\r\n", cfg.method, cfg.path);
    if (!user_has_header("Host")) n += snprintf(req_prefix + n, cap - n, "Host: %s\r\n", cfg.hostport);
    if (cfg.headers_len) {
        memcpy(req_prefix + n, cfg.headers, cfg.headers_len);
        n += (int)cfg.headers_len;
    }
    if (cfg.body && !user_has_header("Content-Type"))
        n += snprintf(req_prefix + n, cap - n, "Content-Type: application/json\r\n");
    if (cfg.body || !strcmp(cfg.method, "POST") || !strcmp(cfg.method, "PUT") || !strcmp(cfg.method, "PATCH"))
        n += snprintf(req_prefix + n, cap - n, "Content-Length: %zu\r\n", cfg.body_len);
    req_prefix_len = (size_t)n;
}

/* ---------- connection handling ---------- */

static void ep_set(conn_t *c, int out) {
    struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.u64 = (uint64_t)(c - conns)};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl");
    c->want_out = out;
}

static void reset_parser(conn_t *c) {
    c->pstate = P_HEAD;
    c->hlen = c->llen = 0;
    c->remaining = 0;
    c->status = 0;
    c->close_after = 0;
}

static int new_socket(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void make_idle(conn_t *c) {
    set_state(c, C_IDLE);
    idle_stack[idle_n++] = (int)(c - conns);
}

static void start_connect(conn_t *c, int64_t now);

static void conn_close(conn_t *c, int64_t now) {
    if (c->state == C_IDLE) {           /* remove from idle stack */
        int id = (int)(c - conns);
        for (int i = 0; i < idle_n; i++)
            if (idle_stack[i] == id) { idle_stack[i] = idle_stack[--idle_n]; break; }
    }
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
    set_state(c, C_CLOSED);
    reconnects++;
    start_connect(c, now);
}

static void start_connect(conn_t *c, int64_t now) {
    c->fd = new_socket();
    reset_parser(c);
    c->want_out = 1;
    int rc = connect(c->fd, (struct sockaddr *)&addr, sizeof addr);
    if (rc < 0 && errno != EINPROGRESS) {
        connect_failures++;
        close(c->fd);
        c->fd = -1;
        set_state(c, C_CLOSED);
        c->retry_at = now + RECONNECT_DELAY_NS;
        return;
    }
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u64 = (uint64_t)(c - conns)};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) die("epoll_ctl");
    set_state(c, C_CONNECTING);
}

static void finish_connect(conn_t *c, int64_t now) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) {
        connect_failures++;
        close(c->fd);
        c->fd = -1;
        set_state(c, C_CLOSED);
        c->retry_at = now + RECONNECT_DELAY_NS;
        return;
    }
    ep_set(c, 0);
    make_idle(c);
}

/* Initial connections: connect with a timeout, so that a refused connection is a clear error. */
static void connect_initial(conn_t *c) {
    c->fd = new_socket();
    reset_parser(c);
    int rc = connect(c->fd, (struct sockaddr *)&addr, sizeof addr);
    if (rc < 0 && errno == EINPROGRESS) {
        struct pollfd pfd = {.fd = c->fd, .events = POLLOUT};
        rc = poll(&pfd, 1, 5000);
        if (rc == 0) { errno = ETIMEDOUT; rc = -1; }
        else if (rc > 0) {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err) { errno = err; rc = -1; } else rc = 0;
        }
    }
    if (rc < 0) {
        fprintf(stderr, "openloop: cannot connect to %s:%d (%s): %s\n", inet_ntoa(addr.sin_addr), cfg.port,
                cfg.hostport, strerror(errno));
        exit(2);
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)(c - conns)};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) die("epoll_ctl");
    c->want_out = 0;
    make_idle(c);
}

static int is_measured(uint64_t i);

/* A request ended without a response. */
static void request_failed(conn_t *c, int kind) {
    if (c->measured) {
        if (kind == 'p') m.err_parse++;
        else if (kind == 't') m.err_timeout++;
        else m.err_closed++;
    } else {
        w.errors++;
    }
}

static void request_done(conn_t *c, int64_t now) {
    if (c->measured) {
        int64_t lat = now - c->sched;
        if (lat < 0) lat = 0;
        m.completed++;
        status_count[c->status]++;
        if (c->status < 200 || c->status > 299) m.non2xx++;
        hist[h_index((uint64_t)lat)]++;
        hist_count++;
        lat_sum_ns += (double)lat;
        if (lat < lat_min_ns) lat_min_ns = lat;
        if (lat > lat_max_ns) lat_max_ns = lat;
        last_done = now;
    } else {
        w.completed++;
    }
}

/* Write what is pending; returns -1 if the connection failed. */
static int flush_write(conn_t *c) {
    while (c->woff < c->wlen) {
        ssize_t n = send(c->fd, c->wbuf + c->woff, c->wlen - c->woff, MSG_NOSIGNAL);
        if (n > 0) { c->woff += (size_t)n; continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!c->want_out) ep_set(c, 1);
            return 0;
        }
        return -1;
    }
    if (c->want_out) ep_set(c, 0);
    return 0;
}

static void send_request(conn_t *c, uint64_t i, int64_t sched, int64_t now) {
    set_state(c, C_BUSY);
    c->req = i;
    c->sched = sched;
    c->measured = is_measured(i);
    if (c->measured) m.sent++; else w.sent++;
    size_t n = req_prefix_len;
    memcpy(c->wbuf, req_prefix, n);
    if (cfg.unique_header)
        n += (size_t)sprintf(c->wbuf + n, "%s: %s-%" PRIu64 "\r\n", cfg.unique_header, key_prefix, i);
    memcpy(c->wbuf + n, "\r\n", 2);
    n += 2;
    if (cfg.body_len) memcpy(c->wbuf + n, cfg.body, cfg.body_len);
    if (cfg.unique_body) { /* same length as the placeholder, so Content-Length holds */
        char id[64];
        size_t len = strlen(cfg.unique_body);
        int w = snprintf(id, sizeof id, "%s%016" PRIx64, key_prefix, i);
        memcpy(c->wbuf + n + cfg.unique_body_at, id + (size_t)w - len, len);
    }
    c->wlen = n + cfg.body_len;
    c->woff = 0;
    reset_parser(c);
    if (flush_write(c) < 0) {
        request_failed(c, 'c');
        conn_close(c, now);
    }
}

/* ---------- response parsing ---------- */

static int contains_ci(const char *s, size_t n, const char *word) {
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++)
        if (!strncasecmp(s + i, word, w)) return 1;
    return 0;
}

static int parse_head(conn_t *c) {
    char *p = c->head, *end = c->head + c->hlen;
    char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
    if (!eol || eol - p < 12 || memcmp(p, "HTTP/1.", 7) != 0 || p[8] != ' ') return -1;
    int http10 = p[7] == '0';
    if (p[9] < '0' || p[9] > '9' || p[10] < '0' || p[10] > '9' || p[11] < '0' || p[11] > '9') return -1;
    c->status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
    if (c->status < 100 || c->status > 599) return -1;
    int chunked = 0, has_len = 0, keep_alive = 0, close_hdr = 0;
    uint64_t len = 0;
    for (p = eol + 2; p < end - 2; p = eol + 2) {
        eol = memmem(p, (size_t)(end - p), "\r\n", 2);
        if (!eol) return -1;
        char *colon = memchr(p, ':', (size_t)(eol - p));
        if (!colon) continue;
        size_t nlen = (size_t)(colon - p);
        char *v = colon + 1, *ve = eol;
        while (v < ve && (*v == ' ' || *v == '\t')) v++;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
        size_t vlen = (size_t)(ve - v);
        if (nlen == 14 && !strncasecmp(p, "content-length", 14)) {
            uint64_t n = 0;
            if (vlen == 0 || vlen > 18) return -1;
            for (char *q = v; q < ve; q++) {
                if (*q < '0' || *q > '9') return -1;
                n = n * 10 + (uint64_t)(*q - '0');
            }
            if (has_len && n != len) return -1;
            has_len = 1;
            len = n;
        } else if (nlen == 17 && !strncasecmp(p, "transfer-encoding", 17)) {
            if (vlen >= 7 && !strncasecmp(ve - 7, "chunked", 7)) chunked = 1;
        } else if (nlen == 10 && !strncasecmp(p, "connection", 10)) {
            if (contains_ci(v, vlen, "close")) close_hdr = 1;
            if (contains_ci(v, vlen, "keep-alive")) keep_alive = 1;
        }
    }
    c->close_after = close_hdr || (http10 && !keep_alive);
    if (c->status < 200) {                    /* 1xx interim response: read the next head */
        c->hlen = 0;
        c->pstate = P_HEAD;
        return 0;
    }
    if (cfg.is_head || c->status == 204 || c->status == 304) c->pstate = P_DONE;
    else if (chunked) c->pstate = P_CHUNK_SIZE;
    else if (has_len) {
        c->remaining = len;
        c->pstate = len ? P_BODY_LEN : P_DONE;
    } else {
        c->pstate = P_BODY_EOF;              /* delimited by the server closing */
        c->close_after = 1;
    }
    return 0;
}

/* Collect a line ending in \n into c->line (without CR/LF). Returns 1 when complete. */
static int take_line(conn_t *c, const char *d, size_t len, size_t *i, int *err) {
    const char *nl = memchr(d + *i, '\n', len - *i);
    size_t take = nl ? (size_t)(nl - (d + *i)) : len - *i;
    if (c->llen + take >= LINE_MAX_) { *err = 1; return 0; }
    memcpy(c->line + c->llen, d + *i, take);
    c->llen += take;
    *i += take;
    if (!nl) return 0;
    (*i)++;                                   /* the \n */
    if (c->llen && c->line[c->llen - 1] == '\r') c->llen--;
    c->line[c->llen] = 0;
    return 1;
}

/* Feed received bytes. Returns 1 when a response is complete, 0 if more is needed, -1 on a
 * protocol error. Bytes after the end of a response are ignored (no pipelining). */
static int feed(conn_t *c, const char *d, size_t len) {
    size_t i = 0;
    int err = 0;
    while (i < len && c->pstate != P_DONE) {
        switch (c->pstate) {
        case P_HEAD: {
            size_t old = c->hlen;
            size_t room = HEAD_MAX - old;
            if (room == 0) return -1;
            size_t take = len - i < room ? len - i : room;
            memcpy(c->head + old, d + i, take);
            c->hlen += take;
            size_t from = old >= 3 ? old - 3 : 0;
            char *e = memmem(c->head + from, c->hlen - from, "\r\n\r\n", 4);
            if (!e) { i += take; break; }
            size_t head_len = (size_t)(e + 4 - c->head);
            i += head_len - old;
            c->hlen = head_len;
            if (parse_head(c) < 0) return -1;
            break;
        }
        case P_BODY_LEN: {
            uint64_t take = len - i < c->remaining ? len - i : c->remaining;
            i += take;
            c->remaining -= take;
            if (!c->remaining) c->pstate = P_DONE;
            break;
        }
        case P_CHUNK_SIZE:
            if (take_line(c, d, len, &i, &err)) {
                char *end;
                if (!isxdigit((unsigned char)c->line[0])) return -1;
                errno = 0;
                unsigned long long n = strtoull(c->line, &end, 16);
                if (errno || (*end && *end != ';' && *end != ' ' && *end != '\t')) return -1;
                c->llen = 0;
                c->remaining = n;
                c->pstate = n ? P_CHUNK_DATA : P_TRAILER;
            }
            break;
        case P_CHUNK_DATA: {
            uint64_t take = len - i < c->remaining ? len - i : c->remaining;
            i += take;
            c->remaining -= take;
            if (!c->remaining) c->pstate = P_CHUNK_END;
            break;
        }
        case P_CHUNK_END:                     /* CRLF after chunk data */
            if (take_line(c, d, len, &i, &err)) {
                if (c->llen) return -1;
                c->pstate = P_CHUNK_SIZE;
            }
            break;
        case P_TRAILER:
            if (take_line(c, d, len, &i, &err)) {
                if (!c->llen) c->pstate = P_DONE;
                c->llen = 0;
            }
            break;
        case P_BODY_EOF:
            i = len;
            break;
        }
        if (err) return -1;
    }
    return c->pstate == P_DONE;
}

static char rbuf[65536];

static void on_readable(conn_t *c, int64_t now) {
    for (;;) {
        ssize_t n = recv(c->fd, rbuf, sizeof rbuf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n <= 0) {                         /* EOF or reset */
            if (c->state == C_BUSY) {
                if (n == 0 && c->pstate == P_BODY_EOF) request_done(c, now_ns());
                else request_failed(c, 'c');
            }
            conn_close(c, now);
            return;
        }
        if (c->state != C_BUSY) {             /* unsolicited data: drop the connection */
            conn_close(c, now);
            return;
        }
        int r = feed(c, rbuf, (size_t)n);
        if (r < 0) {
            request_failed(c, 'p');
            conn_close(c, now);
            return;
        }
        if (r == 1) {
            int64_t t = now_ns();
            request_done(c, t);
            if (c->close_after || c->woff < c->wlen) conn_close(c, t);
            else {
                if (c->want_out) ep_set(c, 0);
                make_idle(c);
            }
            return;
        }
        if ((size_t)n < sizeof rbuf) return;   /* level-triggered: epoll reports any rest */
    }
}

/* ---------- schedule ---------- */

static int64_t t0;
static uint64_t total, warm_n;

static int64_t sched_at(uint64_t i) { return t0 + (int64_t)((double)i * 1e9 / cfg.rate); }
static int is_measured(uint64_t i) { return i >= warm_n; }

static void arm_timer(int64_t at) {
    if (at == timer_armed) return;
    struct itimerspec its = {0};
    its.it_value.tv_sec = at / NS_PER_S;
    its.it_value.tv_nsec = at % NS_PER_S;
    if (timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL) < 0) die("timerfd_settime");
    timer_armed = at;
}

static void on_signal(int sig) { (void)sig; interrupted = 1; }

static void fmt_ms(char *out, size_t n, double ns) { snprintf(out, n, "%.3f", ns / 1e6); }

static double percentile(double p) {
    if (!hist_count) return 0;
    uint64_t rank = (uint64_t)(p / 100.0 * (double)hist_count + 0.999999999);
    if (rank < 1) rank = 1;
    uint64_t cum = 0;
    for (int i = 0; i < H_BUCKETS; i++) {
        cum += hist[i];
        if (cum >= rank) {
            double v = h_value(i);
            double mx = (double)lat_max_ns, mn = (double)lat_min_ns;
            return v > mx ? mx : v < mn ? mn : v;
        }
    }
    return (double)lat_max_ns;
}

int main(int argc, char **argv) {
    const char *url = NULL, *body_file = NULL;
    int have_r = 0, have_d = 0, have_c = 0;
    cfg.drain = 5;
    static const struct option longopts[] = {
        {"url", required_argument, 0, 'u'},         {"rate", required_argument, 0, 'r'},
        {"duration", required_argument, 0, 'd'},    {"connections", required_argument, 0, 'c'},
        {"body", required_argument, 0, 'b'},        {"header", required_argument, 0, 'H'},
        {"method", required_argument, 0, 'm'},      {"warmup", required_argument, 0, 'w'},
        {"unique-header", required_argument, 0, 'U'}, {"drain", required_argument, 0, 'D'},
        {"unique-body", required_argument, 0, 'B'},
        {"help", no_argument, 0, 'h'},              {0, 0, 0, 0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "u:r:d:c:b:H:m:w:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'u': url = optarg; break;
        case 'r': cfg.rate = parse_num("-r", optarg, 1e-9); have_r = 1; break;
        case 'd': cfg.duration = parse_num("-d", optarg, 1e-9); have_d = 1; break;
        case 'c': {
            double v = parse_num("-c", optarg, 1);
            if (v != (int)v || v > 100000) usage("bad value for %s", "-c");
            cfg.conns = (int)v;
            have_c = 1;
            break;
        }
        case 'b': body_file = optarg; break;
        case 'H': add_header(optarg); break;
        case 'm':
            if (!*optarg || strpbrk(optarg, " \r\n:")) usage("bad method: %s", optarg);
            cfg.method = optarg;
            break;
        case 'w': cfg.warmup = parse_num("-w", optarg, 0); break;
        case 'U':
            if (!*optarg || strpbrk(optarg, " \r\n:")) usage("bad header name: %s", optarg);
            cfg.unique_header = optarg;
            break;
        case 'D': cfg.drain = parse_num("--drain", optarg, 0); break;
        case 'B':
            if (strlen(optarg) < 8 || strlen(optarg) > 32) usage("--unique-body needs a placeholder of 8 to 32 characters: %s", optarg);
            cfg.unique_body = optarg;
            break;
        case 'h': usage(NULL, NULL); break;
        default: usage(NULL, NULL);
        }
    }
    if (optind < argc) usage("unexpected argument: %s", argv[optind]);
    if (!url || !have_r || !have_d || !have_c) usage("-u, -r, -d and -c are required%s", "");
    parse_url(url);
    if (body_file) read_body(body_file);
    if (cfg.unique_body) {
        char *at = cfg.body ? memmem(cfg.body, cfg.body_len, cfg.unique_body, strlen(cfg.unique_body)) : NULL;
        if (!at) usage("--unique-body: placeholder %s not found in the body", cfg.unique_body);
        cfg.unique_body_at = (size_t)(at - cfg.body);
    }
    if (!cfg.method) cfg.method = body_file ? "POST" : "GET";
    cfg.is_head = !strcmp(cfg.method, "HEAD");
    build_prefix();

    uint64_t rnd = 0;
    if (getrandom(&rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) rnd = (uint64_t)now_ns() ^ ((uint64_t)getpid() << 32);
    snprintf(key_prefix, sizeof key_prefix, "%016" PRIx64, rnd);

    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;         /* no SA_RESTART: epoll_wait returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1");
    tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (tfd < 0) die("timerfd_create");
    struct epoll_event tev = {.events = EPOLLIN, .data.u64 = TIMER_TAG};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev) < 0) die("epoll_ctl");

    conns = calloc((size_t)cfg.conns, sizeof *conns);
    idle_stack = calloc((size_t)cfg.conns, sizeof *idle_stack);
    if (!conns || !idle_stack) die("calloc");
    size_t wcap = req_prefix_len + (cfg.unique_header ? strlen(cfg.unique_header) + 64 : 0) + 2 + cfg.body_len;
    for (int i = 0; i < cfg.conns; i++) {
        conns[i].fd = -1;
        if (!(conns[i].wbuf = malloc(wcap))) die("malloc");
        connect_initial(&conns[i]);
    }

    warm_n = (uint64_t)(cfg.warmup * cfg.rate + 0.5);
    total = (uint64_t)((cfg.warmup + cfg.duration) * cfg.rate + 0.5);
    uint64_t next = 0, head = 0;   /* backlog = requests [head, next): due, not yet sent */
    int64_t drain_deadline = 0;
    struct epoll_event evs[256];
    t0 = now_ns();
    int64_t measure_start = sched_at(warm_n);

    for (;;) {
        int64_t now = now_ns();
        if (interrupted && next < total) {
            total = next;
            if (warm_n > total) warm_n = total;
        }
        /* requests that are due join the backlog */
        while (next < total) {
            int64_t s = sched_at(next);
            if (s > now) break;
            if (now - s > lag_max) lag_max = now - s;
            if (now - s > LAG_WARN_NS) lag_late++;
            next++;
        }
        /* send the backlog, oldest first, on idle connections */
        while (head < next && idle_n > 0) {
            conn_t *c = &conns[idle_stack[--idle_n]];
            send_request(c, head, sched_at(head), now);
            head++;
        }
        if (next > warm_n) {
            uint64_t from = head > warm_n ? head : warm_n;
            if (next - from > backlog_max) backlog_max = next - from;
        }
        /* reconnects that are due */
        int64_t wake = INT64_MAX;
        for (int i = 0; n_closed && i < cfg.conns; i++) {
            conn_t *c = &conns[i];
            if (c->state != C_CLOSED) continue;
            if (c->retry_at <= now) start_connect(c, now);
            if (c->state == C_CLOSED && c->retry_at < wake) wake = c->retry_at;
        }
        if (next >= total) {
            if (!drain_deadline) drain_deadline = now + (int64_t)(cfg.drain * 1e9);
            if (head >= next && n_busy == 0) break;
            if (now >= drain_deadline) break;
            if (drain_deadline < wake) wake = drain_deadline;
        } else {
            int64_t s = sched_at(next);
            if (s < wake) wake = s;
        }
        /* sleep until an event or the next deadline, which an absolute timerfd in the epoll set
         * marks to the nanosecond (a relative epoll timeout would be ms, or 50 us slack with
         * epoll_pwait2: measurably later sends) */
        int timeout = -1;
        if (wake <= now) timeout = 0;
        else if (wake != INT64_MAX) arm_timer(wake);
        int n = epoll_wait(ep, evs, 256, timeout);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        now = now_ns();
        for (int k = 0; k < n; k++) {
            if (evs[k].data.u64 == TIMER_TAG) {
                uint64_t exp;
                if (read(tfd, &exp, sizeof exp) < 0 && errno != EAGAIN) die("read timerfd");
                timer_armed = 0;
                continue;
            }
            conn_t *c = &conns[evs[k].data.u64];
            uint32_t e = evs[k].events;
            if (c->fd < 0) continue;
            if (c->state == C_CONNECTING) {
                if (e & (EPOLLOUT | EPOLLERR | EPOLLHUP)) finish_connect(c, now);
                continue;
            }
            if ((e & EPOLLOUT) && c->state == C_BUSY && c->woff < c->wlen) {
                if (flush_write(c) < 0) {
                    request_failed(c, 'c');
                    conn_close(c, now);
                    continue;
                }
            }
            if (e & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c, now);
        }
    }

    /* whatever is still outstanding counts as timed out */
    uint64_t left_busy = 0, left_backlog = 0;
    for (int i = 0; i < cfg.conns; i++)
        if (conns[i].state == C_BUSY) {
            if (conns[i].measured) left_busy++;
            request_failed(&conns[i], 't');
        }
    for (uint64_t i = head; i < next; i++) {
        if (is_measured(i)) { m.err_timeout++; left_backlog++; }
        else w.errors++;
    }
    if (left_busy || left_backlog)
        fprintf(stderr, "openloop: %" PRIu64 " requests still outstanding after the %.1f s drain (%" PRIu64
                " in flight, %" PRIu64 " never sent from the backlog): counted as errors (timeout)\n",
                left_busy + left_backlog, cfg.drain, left_busy, left_backlog);
    if (lag_max > LAG_WARN_NS)
        fprintf(stderr, "openloop: WARNING: the generator fell behind its schedule by up to %.1f ms (%" PRIu64
                " requests > 10 ms late): client saturated or starved of CPU, latencies include it\n",
                lag_max / 1e6, lag_late);
    if (interrupted) fprintf(stderr, "openloop: interrupted; figures cover the requests scheduled so far\n");

    uint64_t scheduled = total > warm_n ? total - warm_n : 0;
    uint64_t errors = m.err_closed + m.err_parse + m.err_timeout;
    /* completed responses over the measured schedule span, or up to the last response if later */
    double elapsed = last_done > measure_start ? (last_done - measure_start) / 1e9 : 0;
    double span = scheduled / cfg.rate;
    if (span > elapsed) elapsed = span;
    double achieved = elapsed > 0 ? m.completed / elapsed : 0;
    char p[9][32];
    static const double ps[] = {50, 75, 90, 99, 99.9, 99.99};
    double mean = hist_count ? lat_sum_ns / (double)hist_count : 0;
    fmt_ms(p[0], 32, hist_count ? (double)lat_min_ns : 0);
    fmt_ms(p[1], 32, mean);
    for (int i = 0; i < 6; i++) fmt_ms(p[2 + i], 32, percentile(ps[i]));
    fmt_ms(p[8], 32, (double)lat_max_ns);

    printf("offered_rate=%g duration_s=%g connections=%d warmup_s=%g\n", cfg.rate, cfg.duration, cfg.conns,
           cfg.warmup);
    printf("scheduled=%" PRIu64 " sent=%" PRIu64 " completed=%" PRIu64 " errors=%" PRIu64 " non2xx=%" PRIu64
           " backlog_max=%" PRIu64 " achieved_rate=%.1f\n",
           scheduled, m.sent, m.completed, errors, m.non2xx, backlog_max, achieved);
    printf("latency_ms count=%" PRIu64 " min=%s mean=%s p50=%s p75=%s p90=%s p99=%s p99.9=%s p99.99=%s max=%s\n",
           hist_count, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
    printf("status");
    for (int i = 0; i < 600; i++)
        if (status_count[i]) printf(" %d=%" PRIu64, i, status_count[i]);
    printf("\n");
    printf("errors closed=%" PRIu64 " parse=%" PRIu64 " timeout=%" PRIu64 " reconnects=%" PRIu64
           " connect_failures=%" PRIu64 " sched_lag_max_ms=%.3f sched_late_10ms=%" PRIu64 "\n",
           m.err_closed, m.err_parse, m.err_timeout, reconnects, connect_failures, lag_max / 1e6, lag_late);
    printf("warmup sent=%" PRIu64 " completed=%" PRIu64 " errors=%" PRIu64 "\n", w.sent, w.completed, w.errors);
    return 0;
}
