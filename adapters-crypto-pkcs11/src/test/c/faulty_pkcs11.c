/*
 * A PKCS#11 library that fails on demand: a shim in front of a real one (SoftHSM2), for the tests of what
 * Signet does when the HSM library fails in the middle of signing (issue 7, "faults in the middle of work").
 *
 * C_GetFunctionList returns a copy of the real library's function list in which C_SignInit and C_Sign are
 * replaced; every other function is the real one. Before each C_SignInit and C_Sign, the shim reads the
 * control file, one line:
 *
 *     FUNCTION CKR COUNT      e.g. "C_Sign 0x30 3"  (the next 3 calls of C_Sign return CKR_DEVICE_ERROR)
 *                                  "C_SignInit 0x32 always"  (every call returns CKR_DEVICE_REMOVED)
 *
 * A missing or empty file, another function, or a count of 0 lets the call through. After each failure it
 * injects, the shim writes the count back decremented, so a test can tell how many calls were attempted.
 *
 * A C_Sign that fails here still ends the real signing operation first (PKCS#11 2.40, 5.12: a C_Sign call
 * always terminates the active operation unless it returns CKR_BUFFER_TOO_SMALL or is a length query), so
 * the session is left as a conforming library would leave it; with a fourth word, "stuck" (e.g.
 * "C_Sign 0x30 1 stuck"), it does not, as a library that lost track of its device may not: the session's
 * next C_SignInit then returns CKR_OPERATION_ACTIVE.
 *
 * Built by the tests (FaultyPkcs11Library) with:
 *     gcc -shared -fPIC -o libfaultypkcs11.so faulty_pkcs11.c -ldl -pthread \
 *         -DREAL_LIBRARY='"/usr/lib/softhsm/libsofthsm2.so"' -DCONTROL_FILE='"/path/to/control"'
 *
 * Only the few PKCS#11 types it needs are declared here, so that no header package is needed.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef REAL_LIBRARY
#error "compile with -DREAL_LIBRARY='\"/path/to/libsofthsm2.so\"'"
#endif
#ifndef CONTROL_FILE
#error "compile with -DCONTROL_FILE='\"/path/to/control\"'"
#endif

typedef unsigned long CK_ULONG;
typedef CK_ULONG CK_RV;
typedef CK_ULONG CK_SESSION_HANDLE;
typedef CK_ULONG CK_OBJECT_HANDLE;
typedef unsigned char CK_BYTE;
typedef void *CK_MECHANISM_PTR;

#define CKR_OK 0x00UL
#define CKR_GENERAL_ERROR 0x05UL
#define CKR_ARGUMENTS_BAD 0x07UL

/* CK_FUNCTION_LIST of PKCS#11 2.40: a CK_VERSION, then 68 function pointers in the standard's order. */
#define FUNCTION_COUNT 68
#define INDEX_GET_FUNCTION_LIST 3
#define INDEX_SIGN_INIT 42
#define INDEX_SIGN 43

typedef struct {
    unsigned char major;
    unsigned char minor;
} CK_VERSION;

typedef struct {
    CK_VERSION version;
    void *functions[FUNCTION_COUNT];
} FunctionList;

typedef CK_RV (*GetFunctionList)(FunctionList **);
typedef CK_RV (*SignInit)(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE);
typedef CK_RV (*Sign)(CK_SESSION_HANDLE, CK_BYTE *, CK_ULONG, CK_BYTE *, CK_ULONG *);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FunctionList *real;
static FunctionList shim;

/* Set by injected(): the fault leaves the operation active. */
static __thread int stuck;

/* The code to fail `function` with, or CKR_OK to let it through; consumes one of a counted fault. */
static CK_RV injected(const char *function) {
    CK_RV rv = CKR_OK;
    pthread_mutex_lock(&lock);
    FILE *file = fopen(CONTROL_FILE, "r");
    if (file != NULL) {
        char name[64] = "";
        char count[32] = "";
        char mode[32] = "";
        unsigned long code = 0;
        int fields = fscanf(file, "%63s %lx %31s %31s", name, &code, count, mode);
        fclose(file);
        stuck = fields == 4 && strcmp(mode, "stuck") == 0;
        if (fields >= 3 && strcmp(name, function) == 0) {
            if (strcmp(count, "always") == 0) {
                rv = code;
            } else {
                long left = strtol(count, NULL, 10);
                if (left > 0) {
                    rv = code;
                    file = fopen(CONTROL_FILE, "w");
                    if (file != NULL) {
                        fprintf(file, "%s 0x%lx %ld %s\n", name, code, left - 1, mode);
                        fclose(file);
                    }
                }
            }
        }
    }
    pthread_mutex_unlock(&lock);
    return rv;
}

static CK_RV faulty_sign_init(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key) {
    CK_RV rv = injected("C_SignInit");
    if (rv != CKR_OK) {
        return rv;
    }
    return ((SignInit) real->functions[INDEX_SIGN_INIT])(session, mechanism, key);
}

static CK_RV faulty_sign(CK_SESSION_HANDLE session, CK_BYTE *data, CK_ULONG length, CK_BYTE *signature,
        CK_ULONG *signature_length) {
    Sign real_sign = (Sign) real->functions[INDEX_SIGN];
    if (signature == NULL) {
        return real_sign(session, data, length, signature, signature_length); /* a length query */
    }
    CK_RV rv = injected("C_Sign");
    if (rv == CKR_OK) {
        return real_sign(session, data, length, signature, signature_length);
    }
    if (stuck) {
        return rv;
    }
    CK_BYTE scratch[512];
    CK_ULONG scratch_length = sizeof scratch;
    real_sign(session, data, length, scratch, &scratch_length); /* ends the operation; the result is lost */
    memset(scratch, 0, sizeof scratch);
    return rv;
}

CK_RV C_GetFunctionList(FunctionList **list);

CK_RV C_GetFunctionList(FunctionList **list) {
    if (list == NULL) {
        return CKR_ARGUMENTS_BAD;
    }
    pthread_mutex_lock(&lock);
    if (real == NULL) {
        void *library = dlopen(REAL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
        GetFunctionList get = library == NULL ? NULL : (GetFunctionList) dlsym(library, "C_GetFunctionList");
        FunctionList *functions = NULL;
        if (get != NULL && get(&functions) == CKR_OK && functions != NULL) {
            shim = *functions;
            shim.functions[INDEX_GET_FUNCTION_LIST] = (void *) C_GetFunctionList;
            shim.functions[INDEX_SIGN_INIT] = (void *) faulty_sign_init;
            shim.functions[INDEX_SIGN] = (void *) faulty_sign;
            real = functions;
        }
    }
    pthread_mutex_unlock(&lock);
    if (real == NULL) {
        return CKR_GENERAL_ERROR;
    }
    *list = &shim;
    return CKR_OK;
}
