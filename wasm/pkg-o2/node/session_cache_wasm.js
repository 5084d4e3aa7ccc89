/**
 * A keyring and a configuration, built once and used for many calls.
 *
 * Internal: the npm package wraps it (`createVerifier`).
 */
class Verifier {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        VerifierFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_verifier_free(ptr, 0);
    }
    /**
     * Checks the payload of the last successful call against the version the
     * JavaScript version function returned for it. `false` (with the error set) on a
     * mismatch.
     * @param {string} expected
     * @returns {boolean}
     */
    checkVersion(expected) {
        const ptr0 = passStringToWasm0(expected, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.verifier_checkVersion(this.__wbg_ptr, ptr0, len0);
        return ret !== 0;
    }
    /**
     * Decodes and verifies a cookie-cache value: the payload's JSON text, or
     * `undefined` (then `errorKind` and `errorMessage` say why). Never throws on a
     * bad value.
     * @param {string} value
     * @param {number} now
     * @returns {string | undefined}
     */
    decode(value, now) {
        const val2 = +now;
        const ptr0 = passStringToWasm0(value, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.verifier_decode(this.__wbg_ptr, ptr0, len0, val2);
        if (ret[3]) {
            throw takeFromExternrefTable0(ret[2]);
        }
        let v3;
        if (ret[0] !== 0) {
            v3 = getStringFromWasm0(ret[0], ret[1]);
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        }
        return v3;
    }
    /**
     * Whether the last verified request has a valid `dont_remember` cookie.
     * @returns {boolean}
     */
    get dontRemember() {
        const ret = wasm.verifier_dontRemember(this.__wbg_ptr);
        return ret !== 0;
    }
    /**
     * Encodes a payload (its JSON text, `{session, user, updatedAt, version}`) with
     * the current secret: the cookie-cache value. Throws on a payload Better Auth's
     * schema refuses.
     * @param {string} payload_json
     * @param {number} now
     * @param {number | null} [max_age]
     * @returns {string}
     */
    encode(payload_json, now, max_age) {
        let deferred5_0;
        let deferred5_1;
        try {
            const val2 = +now;
            const val3 = +(isLikeNone(max_age) ? 0 : max_age);
            const ptr0 = passStringToWasm0(payload_json, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.verifier_encode(this.__wbg_ptr, ptr0, len0, val2, !isLikeNone(max_age), val3);
            var ptr4 = ret[0];
            var len4 = ret[1];
            if (ret[3]) {
                ptr4 = 0; len4 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred5_0 = ptr4;
            deferred5_1 = len4;
            return getStringFromWasm0(ptr4, len4);
        } finally {
            wasm.__wbindgen_free(deferred5_0, deferred5_1, 1);
        }
    }
    /**
     * The error kind of the last failed call (`"bad_signature"`, …).
     * @returns {string}
     */
    get errorKind() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.verifier_errorKind(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * The message of the last failed call.
     * @returns {string}
     */
    get errorMessage() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.verifier_errorMessage(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * When the last verified cache expires (Unix ms).
     * @returns {number}
     */
    get expiresAt() {
        const ret = wasm.verifier_expiresAt(this.__wbg_ptr);
        return ret;
    }
    /**
     * Whether the last verified session is fresh (`verifySession`).
     * @returns {boolean}
     */
    get fresh() {
        const ret = wasm.verifier_fresh(this.__wbg_ptr);
        return ret !== 0;
    }
    /**
     * The cookie-cache value of a `Cookie` header, whole or in chunks, under
     * `[__Secure-]<cookiePrefix>.<cookieName>` (both spellings, the secure one first,
     * when `isSecure` was not given), decoded and verified as [`Verifier::decode`]
     * does; `errorKind` is `"no_cache"` when there is no such cookie.
     * @param {string} header
     * @param {number} now
     * @returns {string | undefined}
     */
    getCookieCache(header, now) {
        const val2 = +now;
        const ptr0 = passStringToWasm0(header, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.verifier_getCookieCache(this.__wbg_ptr, ptr0, len0, val2);
        if (ret[3]) {
            throw takeFromExternrefTable0(ret[2]);
        }
        let v3;
        if (ret[0] !== 0) {
            v3 = getStringFromWasm0(ret[0], ret[1]);
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        }
        return v3;
    }
    /**
     * Whether the last verified cache should be re-issued (`verifySession`).
     * @returns {boolean}
     */
    get needsRefresh() {
        const ret = wasm.verifier_needsRefresh(this.__wbg_ptr);
        return ret !== 0;
    }
    /**
     * Builds the keyring (every key derived here, once) and checks the configuration.
     *
     * Keys: `secret` alone; or `secrets_env` (`"2:new,1:old"`); or `versions` and
     * `values` side by side (`secrets: [{version, value}]`), with `secret` then the
     * legacy secret, as in Better Auth; or, with none of those, the environment
     * variables `env_names` and `env_values` side by side, read as Better Auth reads
     * its environment ([`Keyring::from_env_with`]). Throws a `TypeError` on a bad
     * configuration.
     * @param {string | null | undefined} secret
     * @param {string | null | undefined} secrets_env
     * @param {Uint32Array | number[] | null | undefined} versions
     * @param {string[] | null | undefined} values
     * @param {string[] | null | undefined} env_names
     * @param {string[] | null | undefined} env_values
     * @param {string | null | undefined} strategy
     * @param {string | null | undefined} version
     * @param {boolean} version_is_function
     * @param {boolean} older_secrets
     * @param {string | null} [cookie_prefix]
     * @param {string | null} [cookie_name]
     * @param {boolean | null} [secure]
     * @param {string | null} [domain]
     * @param {number | null} [max_age]
     * @param {number | null} [fresh_age]
     * @param {number | null} [update_age]
     */
    constructor(secret, secrets_env, versions, values, env_names, env_values, strategy, version, version_is_function, older_secrets, cookie_prefix, cookie_name, secure, domain, max_age, fresh_age, update_age) {
        const val12 = +version_is_function;
        const val13 = +older_secrets;
        const val14 = +(isLikeNone(max_age) ? 0 : max_age);
        const val15 = +(isLikeNone(fresh_age) ? 0 : fresh_age);
        const val16 = +(isLikeNone(update_age) ? 0 : update_age);
        let ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5, ptr6, len6, ptr7, len7, ptr8, len8, ptr9, len9, ptr10, len10;
        try {
            ptr0 = isLikeNone(secret) ? 0 : passStringToWasm0(secret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = isLikeNone(secrets_env) ? 0 : passStringToWasm0(secrets_env, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
            ptr2 = isLikeNone(versions) ? 0 : passArray32ToWasm0(versions, wasm.__wbindgen_malloc);
            len2 = WASM_VECTOR_LEN;
            ptr3 = isLikeNone(values) ? 0 : passArrayJsValueToWasm0(values, wasm.__wbindgen_malloc);
            len3 = WASM_VECTOR_LEN;
            ptr4 = isLikeNone(env_names) ? 0 : passArrayJsValueToWasm0(env_names, wasm.__wbindgen_malloc);
            len4 = WASM_VECTOR_LEN;
            ptr5 = isLikeNone(env_values) ? 0 : passArrayJsValueToWasm0(env_values, wasm.__wbindgen_malloc);
            len5 = WASM_VECTOR_LEN;
            ptr6 = isLikeNone(strategy) ? 0 : passStringToWasm0(strategy, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len6 = WASM_VECTOR_LEN;
            ptr7 = isLikeNone(version) ? 0 : passStringToWasm0(version, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len7 = WASM_VECTOR_LEN;
            ptr8 = isLikeNone(cookie_prefix) ? 0 : passStringToWasm0(cookie_prefix, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len8 = WASM_VECTOR_LEN;
            ptr9 = isLikeNone(cookie_name) ? 0 : passStringToWasm0(cookie_name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len9 = WASM_VECTOR_LEN;
            ptr10 = isLikeNone(domain) ? 0 : passStringToWasm0(domain, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len10 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr10) { wasm.__wbindgen_free(ptr10, len10 * 1, 1); }
            if (ptr9) { wasm.__wbindgen_free(ptr9, len9 * 1, 1); }
            if (ptr8) { wasm.__wbindgen_free(ptr8, len8 * 1, 1); }
            if (ptr7) { wasm.__wbindgen_free(ptr7, len7 * 1, 1); }
            if (ptr6) { wasm.__wbindgen_free(ptr6, len6 * 1, 1); }
            if (ptr5) { wasm.__externref_drop_slice(ptr5, len5); wasm.__wbindgen_free(ptr5, len5 * 4, 4); }
            if (ptr4) { wasm.__externref_drop_slice(ptr4, len4); wasm.__wbindgen_free(ptr4, len4 * 4, 4); }
            if (ptr3) { wasm.__externref_drop_slice(ptr3, len3); wasm.__wbindgen_free(ptr3, len3 * 4, 4); }
            if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 4, 4); }
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.verifier_new(ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5, ptr6, len6, ptr7, len7, val12, val13, ptr8, len8, ptr9, len9, isLikeNone(secure) ? 0xFFFFFF : secure ? 1 : 0, ptr10, len10, !isLikeNone(max_age), val14, !isLikeNone(fresh_age), val15, !isLikeNone(update_age), val16);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        VerifierFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * The `Set-Cookie` header values that write the encoded payload (chunked when
     * needed, Better Auth's attributes), expiring the cache chunks the request
     * `header` holds that are not rewritten. Throws `too_large_to_write` when more
     * than 100 chunks would be needed.
     * @param {string} payload_json
     * @param {number} now
     * @param {number | null} [max_age]
     * @param {string | null} [header]
     * @returns {string[]}
     */
    setCookies(payload_json, now, max_age, header) {
        const val3 = +now;
        const val4 = +(isLikeNone(max_age) ? 0 : max_age);
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(payload_json, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = isLikeNone(header) ? 0 : passStringToWasm0(header, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.verifier_setCookies(this.__wbg_ptr, ptr0, len0, val3, !isLikeNone(max_age), val4, ptr1, len1);
        if (ret[3]) {
            throw takeFromExternrefTable0(ret[2]);
        }
        var v5 = getArrayJsValueFromWasm0(ret[0], ret[1]);
        wasm.__wbindgen_free(ret[0], ret[1] * 4, 4);
        return v5;
    }
    /**
     * The signed session token as Better Auth writes it in `Set-Cookie`
     * (`encodeURIComponent(token + "." + signature)`), with the current secret.
     * @param {string} token
     * @returns {string}
     */
    signSessionToken(token) {
        let deferred2_0;
        let deferred2_1;
        try {
            const ptr0 = passStringToWasm0(token, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.verifier_signSessionToken(this.__wbg_ptr, ptr0, len0);
            deferred2_0 = ret[0];
            deferred2_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
        }
    }
    /**
     * The strategy this verifier reads and writes.
     * @returns {string}
     */
    get strategy() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.verifier_strategy(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * Verifies a signed session token as the `Cookie` header parser returns it
     * (percent-decoded): the token, or `undefined` and the error.
     * @param {string} value
     * @returns {string | undefined}
     */
    verifySessionToken(value) {
        const ptr0 = passStringToWasm0(value, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.verifier_verifySessionToken(this.__wbg_ptr, ptr0, len0);
        let v2;
        if (ret[0] !== 0) {
            v2 = getStringFromWasm0(ret[0], ret[1]);
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        }
        return v2;
    }
    /**
     * The offline session check of a `Cookie` header (Better Auth's `getSession`
     * served from the cache): the payload's JSON text, with `expiresAt`, `fresh`,
     * `needsRefresh` and `dontRemember` set; or `undefined` and the error.
     *
     * `expected_version`: what the JavaScript version function returned for this
     * request's cache (read first with [`Verifier::get_cookie_cache`]); it takes the
     * place of the configured version.
     * @param {string} header
     * @param {number} now
     * @param {string | null} [expected_version]
     * @returns {string | undefined}
     */
    verifySession(header, now, expected_version) {
        const val3 = +now;
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(header, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = isLikeNone(expected_version) ? 0 : passStringToWasm0(expected_version, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.verifier_verifySession(this.__wbg_ptr, ptr0, len0, val3, ptr1, len1);
        if (ret[3]) {
            throw takeFromExternrefTable0(ret[2]);
        }
        let v4;
        if (ret[0] !== 0) {
            v4 = getStringFromWasm0(ret[0], ret[1]);
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        }
        return v4;
    }
}
if (Symbol.dispose) Verifier.prototype[Symbol.dispose] = Verifier.prototype.free;
exports.Verifier = Verifier;

/**
 * A new random secret: 32 bytes as 64 hex characters.
 * @returns {string}
 */
function generateSecret() {
    let deferred2_0;
    let deferred2_1;
    try {
        const ret = wasm.generateSecret();
        var ptr1 = ret[0];
        var len1 = ret[1];
        if (ret[3]) {
            ptr1 = 0; len1 = 0;
            throw takeFromExternrefTable0(ret[2]);
        }
        deferred2_0 = ptr1;
        deferred2_1 = len1;
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
}
exports.generateSecret = generateSecret;
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg___wbindgen_is_function_741ff2bb612836f5: function(arg0) {
            const ret = typeof(arg0) === 'function';
            return ret;
        },
        __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
            const val = arg0;
            const ret = typeof(val) === 'object' && val !== null;
            return ret;
        },
        __wbg___wbindgen_is_string_fc456fee5d3317de: function(arg0) {
            const ret = typeof(arg0) === 'string';
            return ret;
        },
        __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
            const ret = arg0 === undefined;
            return ret;
        },
        __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'string' ? obj : undefined;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
            throw new Error(getStringFromWasm0(arg0, arg1));
        },
        __wbg_call_a410eb4b59ed5965: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = arg0.call(arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_crypto_23f565a907d30078: function(arg0) {
            const ret = arg0.crypto;
            return ret;
        },
        __wbg_getRandomValues_d2908e0b99612b91: function() { return handleError(function (arg0, arg1) {
            arg0.getRandomValues(arg1);
        }, arguments); },
        __wbg_length_186163212ffe79c3: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_msCrypto_d5f06fad6bf1409b: function(arg0) {
            const ret = arg0.msCrypto;
            return ret;
        },
        __wbg_new_4416a2fe2fac9c65: function(arg0, arg1) {
            const ret = new TypeError(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_new_787b9fb330d55d78: function(arg0, arg1) {
            const ret = new Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_new_with_length_01b143a7e5dd5a3e: function(arg0) {
            const ret = new Uint8Array(arg0 >>> 0);
            return ret;
        },
        __wbg_node_86166ff8ce1f2002: function(arg0) {
            const ret = arg0.node;
            return ret;
        },
        __wbg_process_91f425a63f58e399: function(arg0) {
            const ret = arg0.process;
            return ret;
        },
        __wbg_prototypesetcall_13162965d1fe7aa3: function(arg0, arg1, arg2) {
            Uint8Array.prototype.set.call(getArrayU8FromWasm0(arg0, arg1), arg2);
        },
        __wbg_randomFillSync_34b023059e3363de: function() { return handleError(function (arg0, arg1) {
            arg0.randomFillSync(arg1);
        }, arguments); },
        __wbg_require_9a7d8cc2e1d275c0: function() { return handleError(function () {
            const ret = module.require;
            return ret;
        }, arguments); },
        __wbg_set_2793479888329cb6: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = Reflect.set(arg0, arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_static_accessor_GLOBAL_THIS_003ee833af9699fc: function() {
            const ret = typeof globalThis === 'undefined' ? undefined : globalThis;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_static_accessor_GLOBAL_e4293fb22cbe77da: function() {
            const ret = typeof global === 'undefined' ? undefined : global;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_static_accessor_SELF_53bb20457401453d: function() {
            const ret = typeof self === 'undefined' ? undefined : self;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_static_accessor_WINDOW_b5e0810bfecb7feb: function() {
            const ret = typeof window === 'undefined' ? undefined : window;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_subarray_58f388a9247ac0bb: function(arg0, arg1, arg2) {
            const ret = arg0.subarray(arg1 >>> 0, arg2 >>> 0);
            return ret;
        },
        __wbg_versions_6e128a981b0df859: function(arg0) {
            const ret = arg0.versions;
            return ret;
        },
        __wbindgen_generic_0000000000000001: function(arg0, arg1) {
            // Cast intrinsic for `Ref(Slice(U8)) -> NamedExternref("Uint8Array")`.
            const ret = getArrayU8FromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_generic_0000000000000002: function(arg0, arg1) {
            // Cast intrinsic for `Ref(String) -> Externref`.
            const ret = getStringFromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
            table.set(0, undefined);
            table.set(1024, undefined);
            table.set(1025, null);
            table.set(1026, true);
            table.set(1027, false);
        },
    };
    return {
        __proto__: null,
        "./session_cache_wasm_bg.js": import0,
    };
}

const VerifierFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_verifier_free(ptr, 1));

function addToExternrefTable0(obj) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
}

function getArrayJsValueFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    const mem = getDataViewMemory0();
    const result = [];
    for (let i = ptr; i < ptr + 4 * len; i += 4) {
        result.push(wasm.__wbindgen_externrefs.get(mem.getUint32(i, true)));
    }
    wasm.__externref_drop_slice(ptr, len);
    return result;
}

function getArrayU8FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}

let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}

function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

let cachedUint32ArrayMemory0 = null;
function getUint32ArrayMemory0() {
    if (cachedUint32ArrayMemory0 === null || cachedUint32ArrayMemory0.byteLength === 0) {
        cachedUint32ArrayMemory0 = new Uint32Array(wasm.memory.buffer);
    }
    return cachedUint32ArrayMemory0;
}

let cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8ArrayMemory0;
}

function handleError(f, args) {
    try {
        return f.apply(this, args);
    } catch (e) {
        const idx = addToExternrefTable0(e);
        wasm.__wbindgen_exn_store(idx);
    }
}

function isLikeNone(x) {
    return x === undefined || x === null;
}

function passArray32ToWasm0(arg, malloc) {
    const ptr = malloc(arg.length * 4, 4) >>> 0;
    getUint32ArrayMemory0().set(arg, ptr / 4);
    WASM_VECTOR_LEN = arg.length;
    return ptr;
}

function passArrayJsValueToWasm0(array, malloc) {
    const ptr = malloc(array.length * 4, 4) >>> 0;
    for (let i = 0; i < array.length; i++) {
        const add = addToExternrefTable0(array[i]);
        getDataViewMemory0().setUint32(ptr + 4 * i, add, true);
    }
    WASM_VECTOR_LEN = array.length;
    return ptr;
}

function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}

function takeFromExternrefTable0(idx) {
    const value = wasm.__wbindgen_externrefs.get(idx);
    wasm.__externref_table_dealloc(idx);
    return value;
}

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
cachedTextDecoder.decode();
function decodeText(bytes) {
    return cachedTextDecoder.decode(bytes);
}

const cachedTextEncoder = new TextEncoder();

if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}

let WASM_VECTOR_LEN = 0;

const wasmPath = `${__dirname}/session_cache_wasm_bg.wasm`;
const wasmBytes = require('fs').readFileSync(wasmPath);
const wasmModule = new WebAssembly.Module(wasmBytes);
let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
let wasm = wasmInstance.exports;
wasm.__wbindgen_start();
