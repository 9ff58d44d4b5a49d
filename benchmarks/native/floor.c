/*
 * The parse floor of a native PDFium build, for `pnpm bench parser-floor`: the same two steps the
 * benchmark times on lakmoes's WebAssembly PDFium, here on a native x86-64 build.
 *
 *   floor LIBPDFIUM.so FILE.pdf ROUNDS
 *
 * Each round opens the document anew (its parsed objects and fonts are not kept between rounds, as
 * in `lakmoes extract`, which reads each page once) and, per page, runs `FPDF_LoadPage`
 * ("load") or `FPDF_LoadPage` + `FPDFText_LoadPage` ("text"), closing both. One round of each
 * warms up first. Prints one JSON line: pages, the first round's ms and the median of ROUNDS.
 * Built by benchmarks/setup.sh; not part of lakmoes.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void *Handle;
static void (*init_library)(void);
static Handle (*load_document)(const char *, const char *);
static void (*close_document)(Handle);
static int (*page_count)(Handle);
static Handle (*load_page)(Handle, int);
static void (*close_page)(Handle);
static Handle (*load_text)(Handle);
static void (*close_text)(Handle);

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void *need(void *lib, const char *name) {
  void *f = dlsym(lib, name);
  if (!f) {
    fprintf(stderr, "floor: %s is missing from the library\n", name);
    exit(2);
  }
  return f;
}

/* One round: a fresh document, every page loaded (and its text page built when `text`). */
static double round_ms(const char *file, int text, int *pages) {
  double t0 = now_ms();
  Handle doc = load_document(file, NULL);
  if (!doc) {
    fprintf(stderr, "floor: PDFium could not open %s\n", file);
    exit(1);
  }
  int n = page_count(doc);
  for (int i = 0; i < n; i++) {
    Handle page = load_page(doc, i);
    if (!page) continue;
    if (text) close_text(load_text(page));
    close_page(page);
  }
  close_document(doc);
  *pages = n;
  return now_ms() - t0;
}

static int ascending(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void measure(const char *file, int text, int rounds, double *first, double *median, int *pages) {
  double *runs = malloc(sizeof(double) * rounds);
  *first = round_ms(file, text, pages);
  for (int r = 0; r < rounds; r++) runs[r] = round_ms(file, text, pages);
  qsort(runs, rounds, sizeof(double), ascending);
  *median = rounds % 2 ? runs[rounds / 2] : (runs[rounds / 2 - 1] + runs[rounds / 2]) / 2;
  free(runs);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: floor LIBPDFIUM.so FILE.pdf ROUNDS\n");
    return 2;
  }
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) {
    fprintf(stderr, "floor: %s\n", dlerror());
    return 2;
  }
  init_library = need(lib, "FPDF_InitLibrary");
  load_document = need(lib, "FPDF_LoadDocument");
  close_document = need(lib, "FPDF_CloseDocument");
  page_count = need(lib, "FPDF_GetPageCount");
  load_page = need(lib, "FPDF_LoadPage");
  close_page = need(lib, "FPDF_ClosePage");
  load_text = need(lib, "FPDFText_LoadPage");
  close_text = need(lib, "FPDFText_ClosePage");
  int rounds = atoi(argv[3]);
  if (rounds < 1) rounds = 1;
  init_library();
  int pages = 0;
  double load_first, load_median, text_first, text_median;
  measure(argv[2], 1, rounds, &text_first, &text_median, &pages);
  measure(argv[2], 0, rounds, &load_first, &load_median, &pages);
  printf("{\"pages\":%d,\"load\":{\"first\":%.3f,\"median\":%.3f},\"text\":{\"first\":%.3f,\"median\":%.3f}}\n", pages,
         load_first, load_median, text_first, text_median);
  return 0;
}
