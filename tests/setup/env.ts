// Fixed test secrets, so no test writes a secrets file into the working tree.
process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0000";
process.env.KOTONA_DATA_KEY ??= Buffer.alloc(32, 7).toString("base64");
