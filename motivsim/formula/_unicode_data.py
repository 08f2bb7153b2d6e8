"""Unicode data for the name rules (made by tools/make_unicode_data.py: do not edit).

From the Unicode Character Database 15.0.0 (Scripts.txt, ScriptExtensions.txt,
PropertyValueAliases.txt) and the UTS #39 confusables.txt 13.0.0, as published by
Unicode, Inc. (https://www.unicode.org/Public/; terms of use:
https://www.unicode.org/license.txt); confusables kept only for characters a name can
contain (identifier characters of Unicode 14.0.0 that NFKD leaves alone).
"""

from __future__ import annotations

from typing import Final

UCD_VERSION: Final = "15.0.0"
CONFUSABLES_VERSION: Final = "13.0.0"

#: The script sets, separated by ``|``: ``*`` (Common or Inherited: any script) or
#: short script codes separated by spaces.
SCRIPT_SETS: Final = (
    "*|Adlm|Adlm Arab Mand Mani Ougr Phlp Rohg Sogd Syrc|Adlm Arab Nkoo Rohg Syrc Thaa Yezi|Aghb|"
    "Ahom|Arab|Arab Copt|Arab Nkoo|Arab Nkoo Rohg Syrc Thaa Yezi|Arab Rohg|Arab Syrc|Arab Syrc Th"
    "aa|Arab Thaa|Arab Thaa Yezi|Armi|Armn|Avst|Bali|Bamu|Bass|Batk|Beng|Beng Cakm Sylo|Beng Deva"
    "|Beng Deva Dogr Gong Gonm Gran Gujr Guru Knda Limb Mahj Mlym Nand Orya Sind Sinh Sylo Takr T"
    "aml Telu Tirh|Beng Deva Dogr Gong Gonm Gran Gujr Guru Knda Mahj Mlym Nand Orya Sind Sinh Syl"
    "o Takr Taml Telu Tirh|Beng Deva Gran Gujr Guru Knda Latn Mlym Orya Shrd Taml Telu Tirh|Beng "
    "Deva Gran Gujr Guru Knda Latn Mlym Orya Taml Telu Tirh|Beng Deva Gran Knda|Beng Deva Gran Kn"
    "da Nand Orya Telu Tirh|Bhks|Bopo|Bopo Hang Hani Hira Kana|Bopo Hang Hani Hira Kana Yiii|Bopo"
    " Hani|Brah|Brai|Bugi|Bugi Java|Buhd|Buhd Hano Tagb Tglg|Cakm|Cakm Mymr Tale|Cans|Cari|Cham|C"
    "her|Chrs|Copt|Cpmn|Cpmn Cprt Linb|Cprt|Cprt Lina Linb|Cprt Linb|Cyrl|Cyrl Glag|Cyrl Latn|Cyr"
    "l Perm|Cyrl Syrc|Deva|Deva Dogr Gujr Guru Khoj Knda Kthi Mahj Mlym Modi Nand Sind Takr Tirh|"
    "Deva Dogr Gujr Guru Khoj Knda Kthi Mahj Modi Nand Sind Takr Tirh|Deva Dogr Gujr Guru Khoj Kt"
    "hi Mahj Modi Sind Takr Tirh|Deva Dogr Kthi Mahj|Deva Gran|Deva Gran Knda|Deva Gran Latn|Deva"
    " Knda Mlym Orya Taml Telu|Deva Nand|Deva Shrd|Deva Taml|Diak|Dogr|Dsrt|Dupl|Egyp|Elba|Elym|E"
    "thi|Geor|Geor Latn|Glag|Gong|Gonm|Goth|Gran|Gran Taml|Grek|Gujr|Gujr Khoj|Guru|Guru Mult|Han"
    "g|Hani|Hani Hira Kana|Hani Latn|Hano|Hatr|Hebr|Hira|Hira Kana|Hluw|Hmng|Hmnp|Hung|Ital|Java|"
    "Kali|Kali Latn Mymr|Kana|Kawi|Khar|Khmr|Khoj|Kits|Knda|Knda Nand|Kthi|Lana|Laoo|Latn|Latn Mo"
    "ng|Lepc|Limb|Lina|Linb|Lisu|Lyci|Lydi|Mahj|Maka|Mand|Mani|Mani Ougr|Marc|Medf|Mend|Merc|Mero"
    "|Mlym|Modi|Mong|Mong Phag|Mroo|Mtei|Mult|Mymr|Nagm|Nand|Narb|Nbat|Newa|Nkoo|Nshu|Ogam|Olck|O"
    "rkh|Orya|Osge|Osma|Ougr|Palm|Pauc|Perm|Phag|Phli|Phlp|Phnx|Plrd|Prti|Rjng|Rohg|Runr|Samr|Sar"
    "b|Saur|Sgnw|Shaw|Shrd|Sidd|Sind|Sinh|Sogd|Sogo|Sora|Soyo|Sund|Sylo|Syrc|Tagb|Takr|Tale|Talu|"
    "Taml|Tang|Tavt|Telu|Tfng|Tglg|Thaa|Thai|Tibt|Tirh|Tnsa|Toto|Ugar|Vaii|Vith|Wara|Wcho|Xpeo|Xs"
    "ux|Yezi|Yiii|Zanb"
)
#: Script codes and their names.
SCRIPT_NAMES: Final = {
    "Adlm": "Adlam",
    "Aghb": "Caucasian Albanian",
    "Ahom": "Ahom",
    "Arab": "Arabic",
    "Armi": "Imperial Aramaic",
    "Armn": "Armenian",
    "Avst": "Avestan",
    "Bali": "Balinese",
    "Bamu": "Bamum",
    "Bass": "Bassa Vah",
    "Batk": "Batak",
    "Beng": "Bengali",
    "Bhks": "Bhaiksuki",
    "Bopo": "Bopomofo",
    "Brah": "Brahmi",
    "Brai": "Braille",
    "Bugi": "Buginese",
    "Buhd": "Buhid",
    "Cakm": "Chakma",
    "Cans": "Canadian Aboriginal",
    "Cari": "Carian",
    "Cham": "Cham",
    "Cher": "Cherokee",
    "Chrs": "Chorasmian",
    "Copt": "Coptic",
    "Cpmn": "Cypro Minoan",
    "Cprt": "Cypriot",
    "Cyrl": "Cyrillic",
    "Deva": "Devanagari",
    "Diak": "Dives Akuru",
    "Dogr": "Dogra",
    "Dsrt": "Deseret",
    "Dupl": "Duployan",
    "Egyp": "Egyptian Hieroglyphs",
    "Elba": "Elbasan",
    "Elym": "Elymaic",
    "Ethi": "Ethiopic",
    "Geor": "Georgian",
    "Glag": "Glagolitic",
    "Gong": "Gunjala Gondi",
    "Gonm": "Masaram Gondi",
    "Goth": "Gothic",
    "Gran": "Grantha",
    "Grek": "Greek",
    "Gujr": "Gujarati",
    "Guru": "Gurmukhi",
    "Hang": "Hangul",
    "Hani": "Han",
    "Hano": "Hanunoo",
    "Hatr": "Hatran",
    "Hebr": "Hebrew",
    "Hira": "Hiragana",
    "Hluw": "Anatolian Hieroglyphs",
    "Hmng": "Pahawh Hmong",
    "Hmnp": "Nyiakeng Puachue Hmong",
    "Hung": "Old Hungarian",
    "Ital": "Old Italic",
    "Java": "Javanese",
    "Kali": "Kayah Li",
    "Kana": "Katakana",
    "Kawi": "Kawi",
    "Khar": "Kharoshthi",
    "Khmr": "Khmer",
    "Khoj": "Khojki",
    "Kits": "Khitan Small Script",
    "Knda": "Kannada",
    "Kthi": "Kaithi",
    "Lana": "Tai Tham",
    "Laoo": "Lao",
    "Latn": "Latin",
    "Lepc": "Lepcha",
    "Limb": "Limbu",
    "Lina": "Linear A",
    "Linb": "Linear B",
    "Lisu": "Lisu",
    "Lyci": "Lycian",
    "Lydi": "Lydian",
    "Mahj": "Mahajani",
    "Maka": "Makasar",
    "Mand": "Mandaic",
    "Mani": "Manichaean",
    "Marc": "Marchen",
    "Medf": "Medefaidrin",
    "Mend": "Mende Kikakui",
    "Merc": "Meroitic Cursive",
    "Mero": "Meroitic Hieroglyphs",
    "Mlym": "Malayalam",
    "Modi": "Modi",
    "Mong": "Mongolian",
    "Mroo": "Mro",
    "Mtei": "Meetei Mayek",
    "Mult": "Multani",
    "Mymr": "Myanmar",
    "Nagm": "Nag Mundari",
    "Nand": "Nandinagari",
    "Narb": "Old North Arabian",
    "Nbat": "Nabataean",
    "Newa": "Newa",
    "Nkoo": "Nko",
    "Nshu": "Nushu",
    "Ogam": "Ogham",
    "Olck": "Ol Chiki",
    "Orkh": "Old Turkic",
    "Orya": "Oriya",
    "Osge": "Osage",
    "Osma": "Osmanya",
    "Ougr": "Old Uyghur",
    "Palm": "Palmyrene",
    "Pauc": "Pau Cin Hau",
    "Perm": "Old Permic",
    "Phag": "Phags Pa",
    "Phli": "Inscriptional Pahlavi",
    "Phlp": "Psalter Pahlavi",
    "Phnx": "Phoenician",
    "Plrd": "Miao",
    "Prti": "Inscriptional Parthian",
    "Rjng": "Rejang",
    "Rohg": "Hanifi Rohingya",
    "Runr": "Runic",
    "Samr": "Samaritan",
    "Sarb": "Old South Arabian",
    "Saur": "Saurashtra",
    "Sgnw": "SignWriting",
    "Shaw": "Shavian",
    "Shrd": "Sharada",
    "Sidd": "Siddham",
    "Sind": "Khudawadi",
    "Sinh": "Sinhala",
    "Sogd": "Sogdian",
    "Sogo": "Old Sogdian",
    "Sora": "Sora Sompeng",
    "Soyo": "Soyombo",
    "Sund": "Sundanese",
    "Sylo": "Syloti Nagri",
    "Syrc": "Syriac",
    "Tagb": "Tagbanwa",
    "Takr": "Takri",
    "Tale": "Tai Le",
    "Talu": "New Tai Lue",
    "Taml": "Tamil",
    "Tang": "Tangut",
    "Tavt": "Tai Viet",
    "Telu": "Telugu",
    "Tfng": "Tifinagh",
    "Tglg": "Tagalog",
    "Thaa": "Thaana",
    "Thai": "Thai",
    "Tibt": "Tibetan",
    "Tirh": "Tirhuta",
    "Tnsa": "Tangsa",
    "Toto": "Toto",
    "Ugar": "Ugaritic",
    "Vaii": "Vai",
    "Vith": "Vithkuqi",
    "Wara": "Warang Citi",
    "Wcho": "Wancho",
    "Xpeo": "Old Persian",
    "Xsux": "Cuneiform",
    "Yezi": "Yezidi",
    "Yiii": "Yi",
    "Zanb": "Zanabazar Square",
}
#: ``start:set`` (hex): from code point ``start`` on, the script set of index ``set``
#: in SCRIPT_SETS (empty: unassigned), up to the next start.
SCRIPT_RUNS: Final = (
    "0:0 41:79 5b:0 61:79 7b:0 aa:79 ab:0 ba:79 bb:0 c0:79 d7:0 d8:79 f7:0 f8:79 2b9:0 2e0:79 2e5"
    ":0 2ea:20 2ec:0 342:58 343:0 345:58 346:0 363:79 370:58 374:0 375:58 378: 37a:58 37e:0 37f:5"
    "8 380: 384:58 385:0 386:58 387:0 388:58 38b: 38c:58 38d: 38e:58 3a2: 3a3:58 3e2:31 3f0:58 40"
    "0:37 483:3a 484:38 485:39 487:38 488:37 530: 531:10 557: 559:10 58b: 58d:10 590: 591:63 5c8:"
    " 5d0:63 5eb: 5ef:63 5f5: 600:6 605:0 606:6 60c:9 60d:6 61b:9 61c:c 61d:6 61f:3 620:6 640:2 6"
    "41:6 64b:b 656:6 660:e 66a:6 670:b 671:6 6d4:a 6d5:6 6dd:0 6de:6 700:bd 70e: 70f:bd 74b: 74d"
    ":bd 750:6 780:c8 7b2: 7c0:99 7fb: 7fd:99 800:ae 82e: 830:ae 83f: 840:84 85c: 85e:84 85f: 860"
    ":bd 86b: 870:6 88f: 890:6 892: 898:6 8e2:0 8e3:6 900:3c 951:1b 952:1c 953:0 955:3c 964:1a 96"
    "5:19 966:40 970:3c 980:16 984: 985:16 98d: 98f:16 991: 993:16 9a9: 9aa:16 9b1: 9b2:16 9b3: 9"
    "b6:16 9ba: 9bc:16 9c5: 9c7:16 9c9: 9cb:16 9cf: 9d7:16 9d8: 9dc:16 9de: 9df:16 9e4: 9e6:17 9f"
    "0:16 9ff: a01:5b a04: a05:5b a0b: a0f:5b a11: a13:5b a29: a2a:5b a31: a32:5b a34: a35:5b a37"
    ": a38:5b a3a: a3c:5b a3d: a3e:5b a43: a47:5b a49: a4b:5b a4e: a51:5b a52: a59:5b a5d: a5e:5b"
    " a5f: a66:5c a70:5b a77: a81:59 a84: a85:59 a8e: a8f:59 a92: a93:59 aa9: aaa:59 ab1: ab2:59 "
    "ab4: ab5:59 aba: abc:59 ac6: ac7:59 aca: acb:59 ace: ad0:59 ad1: ae0:59 ae4: ae6:5a af0:59 a"
    "f2: af9:59 b00: b01:9e b04: b05:9e b0d: b0f:9e b11: b13:9e b29: b2a:9e b31: b32:9e b34: b35:"
    "9e b3a: b3c:9e b45: b47:9e b49: b4b:9e b4e: b55:9e b58: b5c:9e b5e: b5f:9e b64: b66:9e b78: "
    "b82:c2 b84: b85:c2 b8b: b8e:c2 b91: b92:c2 b96: b99:c2 b9b: b9c:c2 b9d: b9e:c2 ba0: ba3:c2 b"
    "a5: ba8:c2 bab: bae:c2 bba: bbe:c2 bc3: bc6:c2 bc9: bca:c2 bce: bd0:c2 bd1: bd7:c2 bd8: be6:"
    "57 bf4:c2 bfb: c00:c5 c0d: c0e:c5 c11: c12:c5 c29: c2a:c5 c3a: c3c:c5 c45: c46:c5 c49: c4a:c"
    "5 c4e: c55:c5 c57: c58:c5 c5b: c5d:c5 c5e: c60:c5 c64: c66:c5 c70: c77:c5 c80:74 c8d: c8e:74"
    " c91: c92:74 ca9: caa:74 cb4: cb5:74 cba: cbc:74 cc5: cc6:74 cc9: cca:74 cce: cd5:74 cd7: cd"
    "d:74 cdf: ce0:74 ce4: ce6:75 cf0: cf1:74 cf4: d00:8c d0d: d0e:8c d11: d12:8c d45: d46:8c d49"
    ": d4a:8c d50: d54:8c d64: d66:8c d80: d81:b6 d84: d85:b6 d97: d9a:b6 db2: db3:b6 dbc: dbd:b6"
    " dbe: dc0:b6 dc7: dca:b6 dcb: dcf:b6 dd5: dd6:b6 dd7: dd8:b6 de0: de6:b6 df0: df2:b6 df5: e0"
    "1:c9 e3b: e3f:0 e40:c9 e5c: e81:78 e83: e84:78 e85: e86:78 e8b: e8c:78 ea4: ea5:78 ea6: ea7:"
    "78 ebe: ec0:78 ec5: ec6:78 ec7: ec8:78 ecf: ed0:78 eda: edc:78 ee0: f00:ca f48: f49:ca f6d: "
    "f71:ca f98: f99:ca fbd: fbe:ca fcd: fce:ca fd5:0 fd9:ca fdb: 1000:93 1040:2b 104a:93 10a0:50"
    " 10c6: 10c7:50 10c8: 10cd:50 10ce: 10d0:50 10fb:51 10fc:50 1100:5d 1200:4f 1249: 124a:4f 124"
    "e: 1250:4f 1257: 1258:4f 1259: 125a:4f 125e: 1260:4f 1289: 128a:4f 128e: 1290:4f 12b1: 12b2:"
    "4f 12b6: 12b8:4f 12bf: 12c0:4f 12c1: 12c2:4f 12c6: 12c8:4f 12d7: 12d8:4f 1311: 1312:4f 1316:"
    " 1318:4f 135b: 135d:4f 137d: 1380:4f 139a: 13a0:2f 13f6: 13f8:2f 13fe: 1400:2c 1680:9b 169d:"
    " 16a0:ad 16eb:0 16ee:ad 16f9: 1700:c7 1716: 171f:c7 1720:61 1735:29 1737: 1740:28 1754: 1760"
    ":be 176d: 176e:be 1771: 1772:be 1774: 1780:71 17de: 17e0:71 17ea: 17f0:71 17fa: 1800:8e 1802"
    ":8f 1804:8e 1805:8f 1806:8e 181a: 1820:8e 1879: 1880:8e 18ab: 18b0:2c 18f6: 1900:7c 191f: 19"
    "20:7c 192c: 1930:7c 193c: 1940:7c 1941: 1944:7c 1950:c0 196e: 1970:c0 1975: 1980:c1 19ac: 19"
    "b0:c1 19ca: 19d0:c1 19db: 19de:c1 19e0:71 1a00:26 1a1c: 1a1e:26 1a20:77 1a5f: 1a60:77 1a7d: "
    "1a7f:77 1a8a: 1a90:77 1a9a: 1aa0:77 1aae: 1ab0:0 1acf: 1b00:12 1b4d: 1b50:12 1b7f: 1b80:bb 1"
    "bc0:15 1bf4: 1bfc:15 1c00:7b 1c38: 1c3b:7b 1c4a: 1c4d:7b 1c50:9c 1c80:37 1c89: 1c90:50 1cbb:"
    " 1cbd:50 1cc0:bb 1cc8: 1cd0:1d 1cd1:3c 1cd2:1d 1cd3:41 1cd4:3c 1cd5:18 1cd7:46 1cd8:18 1cd9:"
    "46 1cda:44 1cdb:3c 1cdc:46 1cde:3c 1ce0:46 1ce1:18 1ce2:3c 1ce9:45 1cea:18 1ceb:3c 1ced:18 1"
    "cee:3c 1cf2:1e 1cf3:41 1cf4:42 1cf5:18 1cf7:16 1cf8:41 1cfa:95 1cfb: 1d00:79 1d26:58 1d2b:37"
    " 1d2c:79 1d5d:58 1d62:79 1d66:58 1d6b:79 1d78:37 1d79:79 1dbf:58 1dc2:0 1df8:3b 1df9:0 1dfa:"
    "bd 1dfb:0 1e00:79 1f00:58 1f16: 1f18:58 1f1e: 1f20:58 1f46: 1f48:58 1f4e: 1f50:58 1f58: 1f59"
    ":58 1f5a: 1f5b:58 1f5c: 1f5d:58 1f5e: 1f5f:58 1f7e: 1f80:58 1fb5: 1fb6:58 1fc5: 1fc6:58 1fd4"
    ": 1fd6:58 1fdc: 1fdd:58 1ff0: 1ff2:58 1ff5: 1ff6:58 1fff: 2000:0 202f:7a 2030:0 2065: 2066:0"
    " 2071:79 2072: 2074:0 207f:79 2080:0 208f: 2090:79 209d: 20a0:0 20c1: 20d0:0 20f0:43 20f1: 2"
    "100:0 2126:58 2127:0 212a:79 212c:0 2132:79 2133:0 214e:79 214f:0 2160:79 2189:0 218c: 2190:"
    "0 2427: 2440:0 244b: 2460:0 2800:25 2900:0 2b74: 2b76:0 2b96: 2b97:0 2c00:52 2c60:79 2c80:31"
    " 2cf4: 2cf9:31 2d00:50 2d26: 2d27:50 2d28: 2d2d:50 2d2e: 2d30:c6 2d68: 2d6f:c6 2d71: 2d7f:c6"
    " 2d80:4f 2d97: 2da0:4f 2da7: 2da8:4f 2daf: 2db0:4f 2db7: 2db8:4f 2dbf: 2dc0:4f 2dc7: 2dc8:4f"
    " 2dcf: 2dd0:4f 2dd7: 2dd8:4f 2ddf: 2de0:37 2e00:0 2e43:38 2e44:0 2e5e: 2e80:5e 2e9a: 2e9b:5e"
    " 2ef4: 2f00:5e 2fd6: 2ff0:0 2ffc: 3000:0 3001:22 3003:21 3004:0 3005:5e 3008:22 3012:0 3013:"
    "21 3014:22 301c:21 3020:0 3021:5e 302a:23 302e:5d 3030:21 3031:65 3036:0 3037:21 3038:5e 303"
    "c:5f 303e:5e 3040: 3041:64 3097: 3099:65 309d:64 30a0:65 30a1:6e 30fb:22 30fc:65 30fd:6e 310"
    "0: 3105:20 3130: 3131:5d 318f: 3190:5e 31a0:20 31c0:5e 31e4: 31f0:6e 3200:5d 321f: 3220:5e 3"
    "248:0 3260:5d 327f:0 3280:5e 32b1:0 32c0:5e 32cc:0 32d0:6e 32ff:5e 3300:6e 3358:5e 3371:0 33"
    "7b:5e 3380:0 33e0:5e 33ff:0 3400:5e 4dc0:0 4e00:5e a000:d6 a48d: a490:d6 a4c7: a4d0:7f a500:"
    "cf a62c: a640:37 a66f:38 a670:37 a6a0:13 a6f8: a700:60 a708:0 a722:79 a788:0 a78b:79 a7cb: a"
    "7d0:79 a7d2: a7d3:79 a7d4: a7d5:79 a7da: a7f2:79 a800:bc a82d: a830:3d a833:3e a836:3f a83a:"
    " a840:a5 a878: a880:b0 a8c6: a8ce:b0 a8da: a8e0:3c a8f1:18 a8f2:3c a8f3:47 a8f4:3c a900:6c a"
    "92e:6d a92f:6c a930:ab a954: a95f:ab a960:5d a97d: a980:6b a9ce: a9cf:27 a9d0:6b a9da: a9de:"
    "6b a9e0:93 a9ff: aa00:2e aa37: aa40:2e aa4e: aa50:2e aa5a: aa5c:2e aa60:93 aa80:c4 aac3: aad"
    "b:c4 aae0:91 aaf7: ab01:4f ab07: ab09:4f ab0f: ab11:4f ab17: ab20:4f ab27: ab28:4f ab2f: ab3"
    "0:79 ab5b:0 ab5c:79 ab65:58 ab66:79 ab6a:0 ab6c: ab70:2f abc0:91 abee: abf0:91 abfa: ac00:5d"
    " d7a4: d7b0:5d d7c7: d7cb:5d d7fc: f900:5e fa6e: fa70:5e fada: fb00:79 fb07: fb13:10 fb18: f"
    "b1d:63 fb37: fb38:63 fb3d: fb3e:63 fb3f: fb40:63 fb42: fb43:63 fb45: fb46:63 fb50:6 fbc3: fb"
    "d3:6 fd3e:8 fd40:6 fd90: fd92:6 fdc8: fdcf:6 fdd0: fdf0:6 fdf2:d fdf3:6 fdfd:d fdfe:6 fe00:0"
    " fe1a: fe20:0 fe2e:37 fe30:0 fe45:21 fe47:0 fe53: fe54:0 fe67: fe68:0 fe6c: fe70:6 fe75: fe7"
    "6:6 fefd: feff:0 ff00: ff01:0 ff21:79 ff3b:0 ff41:79 ff5b:0 ff61:22 ff66:6e ff70:65 ff71:6e "
    "ff9e:65 ffa0:5d ffbf: ffc2:5d ffc8: ffca:5d ffd0: ffd2:5d ffd8: ffda:5d ffdd: ffe0:0 ffe7: f"
    "fe8:0 ffef: fff9:0 fffe: 10000:7e 1000c: 1000d:7e 10027: 10028:7e 1003b: 1003c:7e 1003e: 100"
    "3f:7e 1004e: 10050:7e 1005e: 10080:7e 100fb: 10100:33 10102:36 10103: 10107:35 10134: 10137:"
    "36 10140:58 1018f: 10190:0 1019d: 101a0:58 101a1: 101d0:0 101fe: 10280:80 1029d: 102a0:2d 10"
    "2d1: 102e0:7 102fc: 10300:6a 10324: 1032d:6a 10330:55 1034b: 10350:a4 1037b: 10380:ce 1039e:"
    " 1039f:ce 103a0:d3 103c4: 103c8:d3 103d6: 10400:4a 10450:b2 10480:a0 1049e: 104a0:a0 104aa: "
    "104b0:9f 104d4: 104d8:9f 104fc: 10500:4d 10528: 10530:4 10564: 1056f:4 10570:d0 1057b: 1057c"
    ":d0 1058b: 1058c:d0 10593: 10594:d0 10596: 10597:d0 105a2: 105a3:d0 105b2: 105b3:d0 105ba: 1"
    "05bb:d0 105bd: 10600:7d 10737: 10740:7d 10756: 10760:7d 10768: 10780:79 10786: 10787:79 107b"
    "1: 107b2:79 107bb: 10800:34 10806: 10808:34 10809: 1080a:34 10836: 10837:34 10839: 1083c:34 "
    "1083d: 1083f:34 10840:f 10856: 10857:f 10860:a2 10880:97 1089f: 108a7:97 108b0: 108e0:62 108"
    "f3: 108f4:62 108f6: 108fb:62 10900:a8 1091c: 1091f:a8 10920:81 1093a: 1093f:81 10940: 10980:"
    "8b 109a0:8a 109b8: 109bc:8a 109d0: 109d2:8a 10a00:70 10a04: 10a05:70 10a07: 10a0c:70 10a14: "
    "10a15:70 10a18: 10a19:70 10a36: 10a38:70 10a3b: 10a3f:70 10a49: 10a50:70 10a59: 10a60:af 10a"
    "80:96 10aa0: 10ac0:85 10ae7: 10aeb:85 10af2:86 10af3:85 10af7: 10b00:11 10b36: 10b39:11 10b4"
    "0:aa 10b56: 10b58:aa 10b60:a6 10b73: 10b78:a6 10b80:a7 10b92: 10b99:a7 10b9d: 10ba9:a7 10bb0"
    ": 10c00:9d 10c49: 10c80:69 10cb3: 10cc0:69 10cf3: 10cfa:69 10d00:ac 10d28: 10d30:ac 10d3a: 1"
    "0e60:6 10e7f: 10e80:d5 10eaa: 10eab:d5 10eae: 10eb0:d5 10eb2: 10efd:6 10f00:b8 10f28: 10f30:"
    "b7 10f5a: 10f70:a1 10f8a: 10fb0:30 10fcc: 10fe0:4e 10ff7: 11000:24 1104e: 11052:24 11076: 11"
    "07f:24 11080:76 110c3: 110cd:76 110ce: 110d0:b9 110e9: 110f0:b9 110fa: 11100:2a 11135: 11136"
    ":2a 11148: 11150:82 11177: 11180:b3 111e0: 111e1:b6 111f5: 11200:72 11212: 11213:72 11242: 1"
    "1280:92 11287: 11288:92 11289: 1128a:92 1128e: 1128f:92 1129e: 1129f:92 112aa: 112b0:b5 112e"
    "b: 112f0:b5 112fa: 11300:56 11301:57 11302:56 11303:57 11304: 11305:56 1130d: 1130f:56 11311"
    ": 11313:56 11329: 1132a:56 11331: 11332:56 11334: 11335:56 1133a: 1133b:57 1133d:56 11345: 1"
    "1347:56 11349: 1134b:56 1134e: 11350:56 11351: 11357:56 11358: 1135d:56 11364: 11366:56 1136"
    "d: 11370:56 11375: 11400:98 1145c: 1145d:98 11462: 11480:cb 114c8: 114d0:cb 114da: 11580:b4 "
    "115b6: 115b8:b4 115de: 11600:8d 11645: 11650:8d 1165a: 11660:8e 1166d: 11680:bf 116ba: 116c0"
    ":bf 116ca: 11700:5 1171b: 1171d:5 1172c: 11730:5 11747: 11800:49 1183c: 118a0:d1 118f3: 118f"
    "f:d1 11900:48 11907: 11909:48 1190a: 1190c:48 11914: 11915:48 11917: 11918:48 11936: 11937:4"
    "8 11939: 1193b:48 11947: 11950:48 1195a: 119a0:95 119a8: 119aa:95 119d8: 119da:95 119e5: 11a"
    "00:d7 11a48: 11a50:ba 11aa3: 11ab0:2c 11ac0:a3 11af9: 11b00:3c 11b0a: 11c00:1f 11c09: 11c0a:"
    "1f 11c37: 11c38:1f 11c46: 11c50:1f 11c6d: 11c70:87 11c90: 11c92:87 11ca8: 11ca9:87 11cb7: 11"
    "d00:54 11d07: 11d08:54 11d0a: 11d0b:54 11d37: 11d3a:54 11d3b: 11d3c:54 11d3e: 11d3f:54 11d48"
    ": 11d50:54 11d5a: 11d60:53 11d66: 11d67:53 11d69: 11d6a:53 11d8f: 11d90:53 11d92: 11d93:53 1"
    "1d99: 11da0:53 11daa: 11ee0:83 11ef9: 11f00:6f 11f11: 11f12:6f 11f3b: 11f3e:6f 11f5a: 11fb0:"
    "7f 11fb1: 11fc0:c2 11fd0:57 11fd2:c2 11fd3:57 11fd4:c2 11ff2: 11fff:c2 12000:d4 1239a: 12400"
    ":d4 1246f: 12470:d4 12475: 12480:d4 12544: 12f90:32 12ff3: 13000:4c 13456: 14400:66 14647: 1"
    "6800:13 16a39: 16a40:90 16a5f: 16a60:90 16a6a: 16a6e:90 16a70:cc 16abf: 16ac0:cc 16aca: 16ad"
    "0:14 16aee: 16af0:14 16af6: 16b00:67 16b46: 16b50:67 16b5a: 16b5b:67 16b62: 16b63:67 16b78: "
    "16b7d:67 16b90: 16e40:88 16e9b: 16f00:a9 16f4b: 16f4f:a9 16f88: 16f8f:a9 16fa0: 16fe0:c3 16f"
    "e1:9a 16fe2:5e 16fe4:73 16fe5: 16ff0:5e 16ff2: 17000:c3 187f8: 18800:c3 18b00:73 18cd6: 18d0"
    "0:c3 18d09: 1aff0:6e 1aff4: 1aff5:6e 1affc: 1affd:6e 1afff: 1b000:6e 1b001:64 1b120:6e 1b123"
    ": 1b132:64 1b133: 1b150:64 1b153: 1b155:6e 1b156: 1b164:6e 1b168: 1b170:9a 1b2fc: 1bc00:4b 1"
    "bc6b: 1bc70:4b 1bc7d: 1bc80:4b 1bc89: 1bc90:4b 1bc9a: 1bc9c:4b 1bca4: 1cf00:0 1cf2e: 1cf30:0"
    " 1cf47: 1cf50:0 1cfc4: 1d000:0 1d0f6: 1d100:0 1d127: 1d129:0 1d1eb: 1d200:58 1d246: 1d2c0:0 "
    "1d2d4: 1d2e0:0 1d2f4: 1d300:0 1d357: 1d360:5e 1d372:0 1d379: 1d400:0 1d455: 1d456:0 1d49d: 1"
    "d49e:0 1d4a0: 1d4a2:0 1d4a3: 1d4a5:0 1d4a7: 1d4a9:0 1d4ad: 1d4ae:0 1d4ba: 1d4bb:0 1d4bc: 1d4"
    "bd:0 1d4c4: 1d4c5:0 1d506: 1d507:0 1d50b: 1d50d:0 1d515: 1d516:0 1d51d: 1d51e:0 1d53a: 1d53b"
    ":0 1d53f: 1d540:0 1d545: 1d546:0 1d547: 1d54a:0 1d551: 1d552:0 1d6a6: 1d6a8:0 1d7cc: 1d7ce:0"
    " 1d800:b1 1da8c: 1da9b:b1 1daa0: 1daa1:b1 1dab0: 1df00:79 1df1f: 1df25:79 1df2b: 1e000:52 1e"
    "007: 1e008:52 1e019: 1e01b:52 1e022: 1e023:52 1e025: 1e026:52 1e02b: 1e030:37 1e06e: 1e08f:3"
    "7 1e090: 1e100:68 1e12d: 1e130:68 1e13e: 1e140:68 1e14a: 1e14e:68 1e150: 1e290:cd 1e2af: 1e2"
    "c0:d2 1e2fa: 1e2ff:d2 1e300: 1e4d0:94 1e4fa: 1e7e0:4f 1e7e7: 1e7e8:4f 1e7ec: 1e7ed:4f 1e7ef:"
    " 1e7f0:4f 1e7ff: 1e800:89 1e8c5: 1e8c7:89 1e8d7: 1e900:1 1e94c: 1e950:1 1e95a: 1e95e:1 1e960"
    ": 1ec71:0 1ecb5: 1ed01:0 1ed3e: 1ee00:6 1ee04: 1ee05:6 1ee20: 1ee21:6 1ee23: 1ee24:6 1ee25: "
    "1ee27:6 1ee28: 1ee29:6 1ee33: 1ee34:6 1ee38: 1ee39:6 1ee3a: 1ee3b:6 1ee3c: 1ee42:6 1ee43: 1e"
    "e47:6 1ee48: 1ee49:6 1ee4a: 1ee4b:6 1ee4c: 1ee4d:6 1ee50: 1ee51:6 1ee53: 1ee54:6 1ee55: 1ee5"
    "7:6 1ee58: 1ee59:6 1ee5a: 1ee5b:6 1ee5c: 1ee5d:6 1ee5e: 1ee5f:6 1ee60: 1ee61:6 1ee63: 1ee64:"
    "6 1ee65: 1ee67:6 1ee6b: 1ee6c:6 1ee73: 1ee74:6 1ee78: 1ee79:6 1ee7d: 1ee7e:6 1ee7f: 1ee80:6 "
    "1ee8a: 1ee8b:6 1ee9c: 1eea1:6 1eea4: 1eea5:6 1eeaa: 1eeab:6 1eebc: 1eef0:6 1eef2: 1f000:0 1f"
    "02c: 1f030:0 1f094: 1f0a0:0 1f0af: 1f0b1:0 1f0c0: 1f0c1:0 1f0d0: 1f0d1:0 1f0f6: 1f100:0 1f1a"
    "e: 1f1e6:0 1f200:64 1f201:0 1f203: 1f210:0 1f23c: 1f240:0 1f249: 1f250:5e 1f252: 1f260:0 1f2"
    "66: 1f300:0 1f6d8: 1f6dc:0 1f6ed: 1f6f0:0 1f6fd: 1f700:0 1f777: 1f77b:0 1f7da: 1f7e0:0 1f7ec"
    ": 1f7f0:0 1f7f1: 1f800:0 1f80c: 1f810:0 1f848: 1f850:0 1f85a: 1f860:0 1f888: 1f890:0 1f8ae: "
    "1f8b0:0 1f8b2: 1f900:0 1fa54: 1fa60:0 1fa6e: 1fa70:0 1fa7d: 1fa80:0 1fa89: 1fa90:0 1fabe: 1f"
    "abf:0 1fac6: 1face:0 1fadc: 1fae0:0 1fae9: 1faf0:0 1faf9: 1fb00:0 1fb93: 1fb94:0 1fbcb: 1fbf"
    "0:0 1fbfa: 20000:5e 2a6e0: 2a700:5e 2b73a: 2b740:5e 2b81e: 2b820:5e 2cea2: 2ceb0:5e 2ebe1: 2"
    "f800:5e 2fa1e: 30000:5e 3134b: 31350:5e 323b0: e0001:0 e0002: e0020:0 e0080: e0100:0 e01f0: "
)
#: ``source:target,...`` (hex): the prototype each confusable source character maps to.
CONFUSABLES: Final = (
    "5ad:596 5ae:598 5a8:599 5a4:59a 1ab4:6db 20db:6db 619:313 8f3:313 315:313 64f:313 65d:314 59"
    "c:301 59d:301 618:301 747:301 954:301 64e:301 953:300 30c:306 a67c:306 658:306 65a:306 36e:3"
    "06 6e8:306,307 310:306,307 901:306,307 981:306,307 a81:306,307 b01:306,307 c00:306,307 c81:3"
    "06,307 d01:306,307 114bf:306,307 1cd0:302 311:302 65b:302 7ee:302 a6f0:302 5af:30a 6df:30a 1"
    "7d3:30a 309a:30a 652:30a b82:30a 1036:30a 17c6:30a 11300:30a e4d:30a ecd:30a 366:30a 2dea:30"
    "a 8eb:308 7f3:308 64b:30b 8f0:30b 342:303 653:303 5c4:307 6ec:307 740:307 8ea:307 741:307 35"
    "8:307 5b9:307 5ba:307 5c2:307 5c1:307 7ed:307 902:307 a02:307 a82:307 bcd:307 337:338 1ab7:3"
    "28 322:328 345:328 1cd2:304 305:304 659:304 7eb:304 a6f1:304 1cda:30e 657:312 357:350 8ff:35"
    "0 8f8:350 900:352 1ced:316 1cdc:329 656:329 1cd5:32b 347:333 8f9:354 8fa:355 336:335 302c:30"
    "9 5c5:323 8ed:323 1cdd:323 5b4:323 65c:323 93c:323 9bc:323 a3c:323 abc:323 b3c:323 111ca:323"
    " 114c3:323 10a3a:323 8ee:324 1cde:324 f37:325 302d:325 327:326 321:326 339:326 1cd9:32d 1cd8"
    ":32e 952:331 320:331 8f1:64c 8e8:64c 8e5:64c 8f2:64d 61a:650 317:650 65f:655 30d:670 742:73c"
    " a03:983 c03:983 c83:983 d03:983 d83:983 1038:983 114c1:983 17cb:e48 ec8:e48 ec9:e49 eca:e4a"
    " ecb:e4b a66f:20e9 7fa:5f 2cba:2d a4f9:2c 903:3a a83:3a 2d0:3a a4fd:3a 1c3:21 2d51:21 294:3f"
    " 241:3f 97d:3f 13ae:3f a6eb:3f 1d16d:2e 660:2e 6f0:2e a4f8:2e a4fb:2e,2c a4fa:2e,2e a78f:b7 "
    "1427:b7 2d48:b7,b7,b7 1444:b7,3c 1437:b7,3e 1440:b7,3e 152f:b7,34 147e:b7,62 1480:b7,62,307 "
    "147a:b7,64 1498:b7,4a 14b6:b7,4c 1476:b7,50 1457:b7,55 143a:b7,56 143c:b7,245 14ae:b7,393 14"
    "0e:b7,394 1459:b7,548 140c:b7,1401 1410:b7,1404 1412:b7,1405 1414:b7,1406 1417:b7,140a 1419:"
    "b7,140b 143e:b7,1432 1442:b7,1434 1446:b7,1439 145b:b7,144f 1454:b7,1450 145d:b7,1450 145f:b"
    "7,1451 1461:b7,1455 1463:b7,1456 1474:b7,146b 1478:b7,146e 147c:b7,1470 1492:b7,1489 1494:b7"
    ",148b 1496:b7,148c 149a:b7,148e 149c:b7,1490 149e:b7,1491 14ac:b7,14a3 14b0:b7,14a6 14b2:b7,"
    "14a7 14b4:b7,14a8 14b8:b7,14ab 14c9:b7,14c0 18c6:b7,14c2 18c8:b7,14c3 18ca:b7,14c4 18cc:b7,1"
    "4c5 14cb:b7,14c7 14cd:b7,14c8 14dc:b7,14d3 14de:b7,14d5 14e0:b7,14d6 14e2:b7,14d7 14e4:b7,14"
    "d8 14e6:b7,14da 14e8:b7,14db 14f6:b7,14ed 14f8:b7,14ef 14fa:b7,14f0 14fc:b7,14f1 14fe:b7,14f"
    "2 1500:b7,14f4 1502:b7,14f5 1517:b7,1510 1519:b7,1511 151b:b7,1512 151d:b7,1513 151f:b7,1514"
    " 1521:b7,1515 1523:b7,1516 1531:b7,1528 1533:b7,1529 1535:b7,152a 1537:b7,152b 1539:b7,152d "
    "153b:b7,152e 18ce:b7,1543 18cf:b7,1546 18d0:b7,1547 18d1:b7,1548 18d2:b7,1549 18d3:b7,154b 1"
    "54e:b7,154c 155b:b7,155a 1568:b7,1567 18b3:b7,18b1 18b6:b7,18b4 18b9:b7,18b8 18c2:b7,18c0 2b"
    "9:27 2c8:27 2ca:27 2cb:27 2bb:27 2bd:27 2bc:27 2be:27 a78c:27 5d9:27 7f4:27 7f5:27 144a:27 1"
    "6cc:27 16f51:27 16f52:27 2ba:27,27 2ee:27,27 5f2:27,27 181:27,42 18a:27,44 1a4:27,50 1ac:27,"
    "54 1b3:27,59 304f:276c 21fe8:276c 1031f:2a 3033:2f 2cc6:2f 30ce:2f 4e3f:2f 4e36:5c a778:26 2"
    "c6:5e 44a:2c9,62 a651:2c9,62,69 f0:2202,335 118a8:2207 1029b:2b 1438:3c 16b2:3c 2cb4:3c,b7 1"
    "445:3c,b7 1433:3e 16f3f:3e 1441:3e,b7 d4e:971 a7f7:30fc 1173:30fc 4e00:30fc 1196:30fc,30fc d"
    "7b9:30fc,1161 d7ba:30fc,1165 d7bb:30fc,1165,4e28 d7bc:30fc,1169 1195:30fc,116e 1174:30fc,4e2"
    "8 1197:30fc,4e28,116e 114d1:9e7 ce7:c67 1065:1041 a75a:32 1a7:32 3e8:32 a644:32 14bf:32 a6ef"
    ":32 a9cf:662 6f2:662 ae8:968 114d2:9e8 ce8:c68 1bb:32,335 de9:de8,dcf def:de8,dd3 a7ab:33 21"
    "c:33 1b7:33 a76a:33 2ccc:33 417:33 4e0:33 16f3b:33 118ca:33 6f3:663 ae9:969 498:33,326 13ce:"
    "34 118af:34 6f4:664 aea:96a 1530:34,b7 1bc:35 118bb:35 2cd2:36 431:36 13ee:36 118d5:36 6f6:6"
    "66 114d6:9ec 104d2:37 118c6:37 b03:38 9ea:38 a6a:38 223:38 222:38 1031a:38 aee:96e a67:39 b6"
    "8:39 9ed:39 d6d:39 a76e:39 2cca:39 118cc:39 118ac:39 118d6:39 967:669 118e4:669 6f9:669 cef:"
    "c6f 251:61 3b1:61 430:61 2df6:363 391:41 410:41 13aa:41 15c5:41 a4ee:41 16f40:41 102a0:41 a7"
    "33:61,61 a732:41,41 e6:61,65 4d5:61,65 c6:41,45 4d4:41,45 a735:61,6f a734:41,4f a737:61,75 a"
    "736:41,55 a739:61,76 a73b:61,76 a738:41,56 a73a:41,56 a73d:61,79 a73c:41,59 ab7a:1d00 15c4:2"
    "c6f a4ef:2c6f 1041f:2c70 184:62 42c:62 13cf:62 1472:62 15af:62 a7b4:42 392:42 412:42 13f4:42"
    " 15f7:42 a4d0:42 10282:42 102a1:42 10301:42 253:62,314 1473:62,307 183:62,304 182:62,304 411"
    ":62,304 180:62,335 48d:62,335 48c:62,335 463:62,335 462:62,335 147f:62,b7 1481:62,307,b7 148"
    "8:62,27 42b:62,6c 432:299 13fc:299 1d04:63 2ca5:63 441:63 abaf:63 1043d:63 2ded:368 118e9:43"
    " 2ca4:43 421:43 13df:43 a4da:43 102a2:43 10302:43 10415:43 1051c:43 23c:63,338 4ab:63,326 4a"
    "a:43,326 187:43,27 25b:a793 3b5:a793 2c89:a793 454:a793 511:a793 ab9b:a793 118ce:a793 10429:"
    "a793 2c88:a792 404:a792 37d:a73f 3ff:a73e 501:64 13e7:64 146f:64 a4d2:64 13a0:44 15de:44 15e"
    "a:44 a4d3:44 257:64,314 256:64,328 18c:64,304 111:64,335 110:44,335 d0:44,335 189:44,335 a77"
    "a:a779 147b:64,b7 1487:64,27 2a4:64,21d 2a3:64,7a 2a5:64,291 ab70:1d05 3b4:1e9f 56e:1e9f 157"
    "7:1e9f 212e:65 ab32:65 435:65 4bd:65 2df7:364 395:45 415:45 2d39:45 13ac:45 a4f0:45 118a6:45"
    " 118ae:45 10286:45 247:65,338 246:45,338 4bf:65,328 ab7c:1d07 259:1dd 4d9:1dd 2d3a:18e a4f1:"
    "18e 25a:1dd,2de 1d14:1dd,6f ab41:1dd,6f,338 ab42:1dd,6f,335 4d8:18f 510:190 13cb:190 16f2d:1"
    "90 10401:190 1d08:25c 437:25c 499:25c,326 10442:25e a79d:29a 1042a:29a ab35:66 a799:66 1e9d:"
    "66 584:66 a798:46 3dc:46 15b4:46 a4dd:46 118c2:46 118a2:46 10287:46 102a5:46 10525:46 192:66"
    ",326 191:46,326 1d6e:66,334 2a9:66,14b 15b5:2132 a4de:2132 15b7:a7fb 261:67 1d83:67 18d:67 5"
    "81:67 50c:47 13c0:47 13f3:47 a4d6:47 260:67,314 1e5:67,335 1e4:47,335 193:47,27 50d:262 ab90"
    ":262 13fb:262 4bb:68 570:68 13c2:68 397:48 2c8e:48 41d:48 13bb:48 157c:48 a4e7:48 102cf:48 2"
    "66:68,314 a695:68,314 13f2:68,314 2c67:48,329 4a2:48,329 127:68,335 45b:68,335 126:48,335 4c"
    "9:48,326 4c7:48,326 43d:29c ab8b:29c 4a3:29c,329 4ca:29c,326 4c8:29c,326 50a:1f6 ab80:2c76 3"
    "70:2c75 13a8:2c75 13b0:2c75 a6b1:2c75 a795:a727 131:69 26a:69 269:69 3b9:69 456:69 a647:69 4"
    "cf:69 ab75:69 13a5:69 118c3:69 268:69,335 1d7b:69,335 1d7c:69,335 3f3:6a 458:6a a7b2:4a 37f:"
    "4a 408:4a 13ab:4a 148d:4a a4d9:4a 249:6a,335 248:4a,335 1499:4a,b7 575:237 ab7b:1d0a 39a:4b "
    "2c94:4b 41a:4b 13e6:4b 16d5:4b a4d7:4b 10518:4b 199:6b,314 2c69:4b,329 49a:4b,329 a740:4b,33"
    "5 49e:4b,335 198:4b,27 31:6c 661:6c 6f1:6c 49:6c 196:6c 1c0:6c 399:6c 2c92:6c 406:6c 4c0:6c "
    "5d5:6c 5df:6c 627:6c 7ca:6c 2d4f:6c 16c1:6c a4f2:6c 16f28:6c 1028a:6c 10309:6c 2cd0:4c 13de:"
    "4c 14aa:4c a4e1:4c 16f16:4c 118a3:4c 118b2:4c 1041b:4c 10526:4c 142:6c,338 141:4c,338 26d:6c"
    ",328 197:6c,335 19a:6c,335 26b:6c,334 673:6c,655 14b7:6c,b7 5f1:6c,27 1c1:6c,6c 5f0:6c,6c 42"
    "e:6c,4f 2aa:6c,73 26e:6c,21d 2ab:6c,7a 672:6c,674 2cd1:29f abae:29f 10443:29f 39c:4d 3fa:4d "
    "2c98:4d 41c:4d 13b7:4d 15f0:4d 16d6:4d a4df:4d 102b0:4d 10311:4d 4cd:4d,326 2de8:1ddf 578:6e"
    " 57c:6e 39d:4e 2c9a:4e a4e0:4e 10513:4e 273:6e,328 19e:6e,329 3b7:6e,329 19d:4e,326 1d70:6e,"
    "334 377:1d0e 438:1d0e 1044d:1d0e c02:6f c82:6f d02:6f d82:6f 966:6f a66:6f ae6:6f be6:6f c66"
    ":6f ce6:6f d66:6f e50:6f ed0:6f 1040:6f 665:6f 6f5:6f 1d0f:6f 1d11:6f ab3d:6f 3bf:6f 3c3:6f "
    "2c9f:6f 43e:6f 10ff:6f 585:6f 5e1:6f 647:6f 6be:6f 6c1:6f 6d5:6f d20:6f 101d:6f 104ea:6f 118"
    "c8:6f 118d7:6f 1042c:6f 30:4f 7c0:4f 9e6:4f b66:4f 3007:4f 114d0:4f 118e0:4f 39f:4f 2c9e:4f "
    "41e:4f 555:4f 2d54:4f 12d0:4f b20:4f 104c2:4f a4f3:4f 118b5:4f 10292:4f 102ab:4f 10404:4f 10"
    "516:4f 6ff:6f,302 f8:6f,338 ab3e:6f,338 d8:4f,338 2d41:4f,338 275:6f,335 a74b:6f,335 4e9:6f,"
    "335 473:6f,335 ab8e:6f,335 abbb:6f,335 19f:4f,335 a74a:4f,335 3b8:4f,335 398:4f,335 4e8:4f,3"
    "35 472:4f,335 2d31:4f,335 13be:4f,335 13eb:4f,335 ab74:6f,31b 13a4:4f,27 153:6f,65 152:4f,45"
    " 276:6f,1d07 a74f:6f,6f a699:6f,6f a74e:4f,4f a698:4f,4f d5f:6f,d30,6f 1010:6f,102c 2184:254"
    " 1d10:254 37b:254 1044b:254 2183:186 3fd:186 a4db:186 10423:186 ab3f:254,338 ab62:254,65 104"
    "3f:277 3c1:70 2ca3:70 440:70 3a1:50 2ca2:50 420:50 13e2:50 146d:50 a4d1:50 10295:50 1a5:70,3"
    "14 1d7d:70,335 1477:70,b7 1486:50,27 1d29:1d18 abb2:1d18 3c6:278 2cab:278 444:278 51b:71 563"
    ":71 566:71 2d55:51 2a0:71,314 1d90:24b 1d0b:138 3ba:138 2c95:138 43a:138 abb6:138 49b:138,32"
    "9 49f:138,335 ab47:72 ab48:72 1d26:72 2c85:72 433:72 ab81:72 1a6:52 13a1:52 13d2:52 104b4:52"
    " 1587:52 a4e3:52 16f35:52 27d:72,328 27c:72,329 24d:72,335 493:72,335 1d72:72,334 491:72,27 "
    "118e3:72,6e 6d:72,6e 11700:72,6e 271:72,6e,326 1d6f:72,6e,334 ab71:280 aba2:280 44f:1d19 1d7"
    "3:27e,334 a731:73 1bd:73 455:73 abaa:73 118c1:73 10448:73 405:53 54f:53 13d5:53 13da:53 a4e2"
    ":53 16f3a:53 10296:53 10420:53 282:73,328 1d74:73,334 a7b5:df 3b2:df 13f0:df ab4d:283 3a3:1a"
    "9 2d49:1a9 3a4:54 2ca6:54 422:54 13a2:54 a4d4:54 16f0a:54 118bc:54 10297:54 102b1:54 10315:5"
    "4 1ad:74,314 23e:54,338 1ae:54,328 4ac:54,329 167:74,335 166:54,335 1d75:74,334 10a0:a786 a7"
    "28:54,33 2a8:74,255 a777:74,66 2a6:74,73 2a7:74,283 a729:74,21d 3c4:1d1b 442:1d1b ab72:1d1b "
    "4ad:1d1b,329 13bf:1ab a79f:75 1d1c:75 ab4e:75 ab52:75 28b:75 3c5:75 57d:75 104f6:75 118d8:75"
    " 54d:55 1200:55 104ce:55 144c:55 a4f4:55 16f42:55 118b8:55 1d7e:75,335 ab9c:75,335 244:55,33"
    "5 13cc:55,335 1458:55,b7 1467:55,27 1d6b:75,65 ab63:75,6f 57a:270 1223:270 162e:1b1 1634:1b1"
    " 1d7f:28a,335 1d20:76 3bd:76 475:76 5d8:76 11706:76 aba9:76 118c0:76 667:56 6f7:56 474:56 2d"
    "38:56 13d9:56 142f:56 a6df:56 a4e6:56 16f08:56 118a0:56 1051d:56 143b:56,b7 1d27:28c 104d8:2"
    "8c 668:245 6f8:245 39b:245 41b:245 2d37:245 104b0:245 1431:245 a6ce:245 a4e5:245 16f3d:245 1"
    "028d:245 4c5:245,326 143d:245,b7 26f:77 1d21:77 461:77 51d:77 561:77 1170a:77 1170e:77 1170f"
    ":77 ab83:77 118e6:57 51c:57 13b3:57 13d4:57 a4ea:57 47d:77,486,487 114c5:77,307 a761:77,326 "
    "1d0d:28d 43c:28d ab87:28d 4ce:28d,326 445:78 1541:78 157d:78 2def:36f a7b3:58 3a7:58 2cac:58"
    " 425:58 2d5d:58 16b7:58 a4eb:58 10290:58 102b4:58 10317:58 10527:58 4b2:58,329 263:79 1d8c:7"
    "9 28f:79 1eff:79 ab5a:79 3b3:79 443:79 4af:79 10e7:79 118dc:79 3a5:59 2ca8:59 423:59 4ae:59 "
    "13a9:59 13bd:59 a4ec:59 16f43:59 118a4:59 102b2:59 1b4:79,314 24f:79,335 4b1:79,335 24e:59,3"
    "35 4b0:59,335 292:21d a76b:21d 2ccd:21d 4e1:21d 10f3:21d 1d22:7a ab93:7a 118c4:7a 118e5:5a 3"
    "96:5a 13c3:5a a4dc:5a 118a9:5a 290:7a,328 1b6:7a,335 1b5:5a,335 225:7a,326 224:5a,326 1d76:7"
    "a,334 1bf:fe 3f8:fe 3f7:de 104c4:de 1d24:1a8 3e9:1a8 a645:1a8 44c:185 ab9f:185 44b:185,69 ab"
    "7e:242 a6cd:2a1 a668:298 2d59:298 104c3:298 2c84:393 413:393 13b1:393 14a5:393 16f07:393 492"
    ":393,335 14af:393,b7 490:393,27 2c86:394 2d60:394 1403:394 16f1a:394 10285:394 102a3:394 140"
    "f:394,b7 142c:394,1420 2ce4:3d7 2c96:3bb 104db:3bb 1d28:3c0 43f:3c0 2ca0:3a0 41f:3a0 a6db:3a"
    "0 102ad:3d8 10312:3d8 3db:3c2 2caa:3a6 424:3a6 553:3a6 1240:3a6 16f0:3a6 102b3:3a6 ab53:3c7 "
    "ab55:3c7 2cad:3c7 471:3c8 104f9:3c8 2cae:3a8 470:3a8 104d1:3a8 16d8:3a8 102b5:3a8 a7b7:3c9 2"
    "cb1:3c9 a64d:3c9 162f:3a9 1635:3a9 102b6:3a9 2cdc:3ec 497:436,329 496:416,329 376:418 a6a1:4"
    "18 10425:418 48a:40d,326 48b:439,326 104bc:4c3 1d2b:43b 4c6:43b,326 ab60:459 104eb:a669 1dee"
    ":2dec 104cd:40b 13c7:460 15ef:460 47c:460,486,487 18ed:460,b7 a7b6:a64c 4cc:4b7 4cb:4b6 4be:"
    "4bc,328 2cbd:448 2cbc:428 a650:42a,6c 16f1c:a658 a992:2c3f 1294:571 1260:548 144e:548 a4f5:5"
    "48 145a:548,b7 1468:548,27 2bf:559 751:628,6db 8b6:628,6e2 8a1:628,654 6d0:67b 8a9:754 767:7"
    "54 6c3:629 685:62d,6db 681:62d,654 772:62d,654 688:62f,615 68e:62f,6db 6ee:62f,302 8ae:62f,3"
    "24,323 68b:68a,615 691:631,615 698:631,6db 692:631,306 8b9:631,306,307 6ef:631,302 76c:631,6"
    "54 8b2:632,302 771:697,615 634:633,6db 77e:633,302 69e:635,6db 8af:635,324,323 69f:637,6db 6"
    "a7:641 8bb:6a1 66f:6a1 8bc:6a1 6a4:6a1,6db 6a8:6a1,6db 8a4:6a2,6db 6a9:643 6aa:643 6ad:643,6"
    "db 763:643,6db 762:6ac 8b0:6af 6b4:6af,6db 6b7:644,6db 6b5:644,306 8a7:645,6db 768:646,615 7"
    "69:646,306 8b1:648 6cb:648,6db 6c7:648,313 6c6:648,306 6c9:648,302 6c8:648,670 66e:649 6ba:6"
    "49 8bd:649 64a:649 6cc:649 6d2:649 679:649,615 6bb:649,615 67e:649,6db 62b:649,6db 6bd:649,6"
    "db 6d1:649,6db 63f:649,6db 8b7:649,6db,6e2 756:649,306 6ce:649,306 8ba:649,306,307 63d:649,3"
    "02 8a8:649,654 102b8:2d40 544:1206 54c:1261 53b:12ae 54a:1323 906:905,93e 912:905,93e,946 91"
    "3:905,93e,947 914:905,93e,948 904:905,946 911:905,949 90d:90f,945 90e:90f,946 910:90f,947 90"
    "8:930,94d,907 abd:93d 111dc:a8fb 111cb:93a ac1:941 ac2:942 a4b:946 a4d:94d acd:94d 986:985,9"
    "be 9e0:98b,9c3 9e1:98b,9c3 11492:998 11494:99a 11496:99c 11498:99e 11499:99f 1149b:9a1 114aa"
    ":9a3 1149e:9a4 1149f:9a5 114a0:9a6 114a1:9a7 114a2:9a8 114a3:9aa 114a9:9ac 114a7:9ae 114a8:9"
    "af 114ab:9b0 1149d:9b2 114ad:9b7 114ae:9b8 114c4:9bd 114b0:9be 114b1:9bf 114b9:9c7 114c2:9cd"
    " 114bd:9d7 a09:a73,a41 a0a:a73,a42 a06:a05,a3e a10:a05,a48 a14:a05,a4c a07:a72,a3f a08:a72,a"
    "40 a0f:a72,a47 a86:a85,abe a91:a85,abe,ac5 a93:a85,abe,ac7 a94:a85,abe,ac8 a8d:a85,ac5 a8f:a"
    "85,ac7 a90:a85,ac8 b06:b05,b3e bee:b85 bb0:b88 bbe:b88 beb:b88,bc1 be8:b89 d09:b89 b8a:b89,b"
    "b3 d0a:b89,d57 bed:b8e b9c:b90 d1c:b90 be7:b95 bea:b9a bec:b9a,bc1 d3a:b9f,bbf d23:ba3 d34:b"
    "b4 bd7:bb3 bc8:ba9 d36:bb6 d3f:bbf d40:bbf c85:c05 c86:c06 c87:c07 c60:c0b,c3e c61:c0c,c3e c"
    "92:c12 c14:c12,c4c c94:c12,c4c c13:c12,c55 c93:c12,c55 c9c:c1c c9e:c1e c22:c21,323 ca3:c23 c"
    "25:c27,5bc c2d:c2c,323 caf:c2f c20:c30,5bc cb1:c31 cb2:c32 c37:c35,323 c39:c35,c3e c2e:c35,c"
    "41 c42:c41,c3e c44:c43,c3e ce1:c8c,cbe d08:d07,d57 d10:d0e,d46 d13:d12,d3e d14:d12,d57 d61:d"
    "1e d6b:d26,d4d,d30 d0c:d28,d41 d19:d28,d41 d6f:d28,d4d d7b:d28,d4d d6c:d28,d4d,d28 d31:d30 d"
    "6a:d30,d4d d7c:d30,d4d d6e:d35,d4d,d30 d42:d41 d43:d41 d48:d46,d46 dea:da2 deb:daf 11413:114"
    "34,11442,11412 11419:11434,11442,11418 11424:11434,11442,11423 1142a:11434,11442,11429 1142d"
    ":11434,11442,1142c 1142f:11434,11442,1142e 115d8:11582 115d9:11582 115da:11583 115db:11584 1"
    "15dc:115b2 115dd:115b3 e03:e02 e14:e04 e15:e04 e21:e06 e88:e08 e0b:e0a e0f:e0e e17:e11 e9a:e"
    "1a e9b:e1b e9d:e1d e9e:e1e e9f:e1f e26:e20 e8d:e22 e45:e32 17b7:e34 17b8:e35 17b9:e36 17ba:e"
    "37 eb8:e38 eb9:e39 e41:e40,e40 f6a:f62 f00:f68,f7c,f7e 11cb2:11caa 1081:1002,103e 1000:1002,"
    "102c 1070:1003,103e 1066:1015,103e 101f:1015,102c 106f:1015,102c,103e 107e:107d,103e 1029:10"
    "1e,103c 102a:101e,103c,1031,102c,103a 17a3:17a2 19d0:199e 19d1:19b1 1a80:1a45 1a90:1a45 aa53"
    ":aa01 aa56:aa23 1b52:1b0d 1b53:1b11 1b58:1b28 a9a3:a99d 1896:185c 1855:1835 140d:1401,b7 142"
    "b:1401,1420 1411:1404,b7 1413:1405,b7 142d:1405,1420 1415:1406,b7 1418:140a,b7 142e:140a,142"
    "0 141a:140b,b7 18dd:141e,18df 14d1:1421 1540:1429 143f:1432,b7 1443:1434,b7 1447:1439,b7 145"
    "c:144f,b7 145e:1450,b7 1469:1450,27 1460:1451,b7 1462:1455,b7 146a:1455,27 1464:1456,b7 1475"
    ":146b,b7 1485:146b,27 1479:146e,b7 147d:1470,b7 1603:1489 1493:1489,b7 1495:148b,b7 1497:148"
    "c,b7 149b:148e,b7 1602:1490 149d:1490,b7 149f:1491,b7 14ad:14a3,b7 14b1:14a6,b7 14b3:14a7,b7"
    " 14b5:14a8,b7 14b9:14ab,b7 14ca:14c0,b7 18c7:14c2,b7 18c9:14c3,b7 18cb:14c4,b7 18cd:14c5,b7 "
    "14cc:14c7,b7 14ce:14c8,b7 1604:14d3 14dd:14d3,b7 14df:14d5,b7 14e1:14d6,b7 14e3:14d7,b7 14e5"
    ":14d8,b7 1607:14da 14e7:14da,b7 14e9:14db,b7 14f7:14ed,b7 14f9:14ef,b7 14fb:14f0,b7 14fd:14f"
    "1,b7 14ff:14f2,b7 1501:14f4,b7 1503:14f5,b7 150c:150b,3c 150e:150b,62 150d:150b,1455 150f:15"
    "0b,1490 1518:1510,b7 151a:1511,b7 151c:1512,b7 151e:1513,b7 1520:1514,b7 1522:1515,b7 1524:1"
    "516,b7 1532:1528,b7 1534:1529,b7 1536:152a,b7 1538:152b,b7 153a:152d,b7 153c:152e,b7 1622:15"
    "43 18e0:1543,b7 1623:1546 1624:154a 154f:154c,b7 1583:1550,62 1584:1550,62,307 1581:1550,64 "
    "157f:1550,50 166f:1550,146b 157e:1550,146c 1580:1550,146e 1582:1550,1470 1585:1550,1483 155c"
    ":155a,b7 18e3:155e,b7 18e4:1566,b7 1569:1567,b7 18e5:156b,b7 18e8:1586,b7 1591:1595,4a 1670:"
    "1595,1489 158e:1595,148a 158f:1595,148b 1590:1595,148c 1592:1595,148e 1593:1595,1490 1594:15"
    "95,1491 1673:1596,4a 1671:1596,148b 1672:1596,148c 1674:1596,148e 1675:1596,1490 1676:1596,1"
    "491 18ea:1597,b7 1677:15a7,b7 1678:15a8,b7 1679:15a9,b7 167a:15aa,b7 167b:15ab,b7 167c:15ac,"
    "b7 167d:15ad,b7 a4f7:15e1 18f0:15f4,b7 18f2:161b,b7 a4ed:1660 18dc:18df,141e 18db:18f5 a6b0:"
    "16b9 16e1:16bc 16c2:16bd 2d63:16ef 118b7:16dc 10294:16dc 104d0:16e6 11a8:1100 1101:1100,1100"
    " 11a9:1100,1100 11fa:1100,1102 115a:1100,1103 11c3:1100,1105 11fb:1100,1107 11aa:1100,1109 1"
    "1c4:1100,1109,1100 11fc:1100,110e 11fd:1100,110f 11fe:1100,1112 11ab:1102 1113:1102,1100 11c"
    "5:1102,1100 1114:1102,1102 11ff:1102,1102 1115:1102,1103 11c6:1102,1103 d7cb:1102,1105 1116:"
    "1102,1107 115b:1102,1109 11c7:1102,1109 115c:1102,110c 11ac:1102,110c d7cc:1102,110e 11c9:11"
    "02,1110 115d:1102,1112 11ad:1102,1112 11c8:1102,1140 11ae:1103 1117:1103,1100 11ca:1103,1100"
    " 1104:1103,1103 d7cd:1103,1103 d7ce:1103,1103,1107 115e:1103,1105 11cb:1103,1105 a960:1103,1"
    "106 a961:1103,1107 d7cf:1103,1107 a962:1103,1109 d7d0:1103,1109 d7d1:1103,1109,1100 a963:110"
    "3,110c d7d2:1103,110c d7d3:1103,110e d7d4:1103,1110 11af:1105 a964:1105,1100 11b0:1105,1100 "
    "a965:1105,1100,1100 d7d5:1105,1100,1100 11cc:1105,1100,1109 d7d6:1105,1100,1112 1118:1105,11"
    "02 11cd:1105,1102 a966:1105,1103 11ce:1105,1103 a967:1105,1103,1103 11cf:1105,1103,1112 1119"
    ":1105,1105 11d0:1105,1105 d7d7:1105,1105,110f a968:1105,1106 11b1:1105,1106 11d1:1105,1106,1"
    "100 11d2:1105,1106,1109 d7d8:1105,1106,1112 a969:1105,1107 11b2:1105,1107 d7d9:1105,1107,110"
    "3 a96a:1105,1107,1107 11d3:1105,1107,1109 a96b:1105,1107,110b 11d5:1105,1107,110b d7da:1105,"
    "1107,1111 11d4:1105,1107,1112 a96c:1105,1109 11b3:1105,1109 11d6:1105,1109,1109 111b:1105,11"
    "0b d7dd:1105,110b a96d:1105,110c a96e:1105,110f 11d8:1105,110f 11b4:1105,1110 11b5:1105,1111"
    " 111a:1105,1112 113b:1105,1112 11b6:1105,1112 d7f2:1105,1112 11d7:1105,1140 d7db:1105,114c 1"
    "1d9:1105,1159 d7dc:1105,1159,1112 11b7:1106 a96f:1106,1100 11da:1106,1100 d7de:1106,1102 d7d"
    "f:1106,1102,1102 a970:1106,1103 11db:1106,1105 d7e0:1106,1106 111c:1106,1107 11dc:1106,1107 "
    "d7e1:1106,1107,1109 a971:1106,1109 11dd:1106,1109 11de:1106,1109,1109 111d:1106,110b 11e2:11"
    "06,110b d7e2:1106,110c 11e0:1106,110e 11e1:1106,1112 11df:1106,1140 11b8:1107 111e:1107,1100"
    " 111f:1107,1102 1120:1107,1103 d7e3:1107,1103 11e3:1107,1105 d7e4:1107,1105,1111 d7e5:1107,1"
    "106 1108:1107,1107 d7e6:1107,1107 112c:1107,1107,110b 1121:1107,1109 11b9:1107,1109 1122:110"
    "7,1109,1100 1123:1107,1109,1103 d7e7:1107,1109,1103 1124:1107,1109,1107 1125:1107,1109,1109 "
    "1126:1107,1109,110c a972:1107,1109,1110 112b:1107,110b 11e6:1107,110b 1127:1107,110c d7e8:11"
    "07,110c 1128:1107,110e d7e9:1107,110e a973:1107,110f 1129:1107,1110 112a:1107,1111 11e4:1107"
    ",1111 a974:1107,1112 11e5:1107,1112 11ba:1109 112d:1109,1100 11e7:1109,1100 112e:1109,1102 1"
    "12f:1109,1103 11e8:1109,1103 1130:1109,1105 11e9:1109,1105 1131:1109,1106 d7ea:1109,1106 113"
    "2:1109,1107 11ea:1109,1107 1133:1109,1107,1100 d7eb:1109,1107,110b 110a:1109,1109 11bb:1109,"
    "1109 d7ec:1109,1109,1100 d7ed:1109,1109,1103 a975:1109,1109,1107 1134:1109,1109,1109 1135:11"
    "09,110b 1136:1109,110c d7ef:1109,110c 1137:1109,110e d7f0:1109,110e 1138:1109,110f 1139:1109"
    ",1110 d7f1:1109,1110 113a:1109,1111 d7ee:1109,1140 11bc:110b 1141:110b,1100 11ec:110b,1100 1"
    "1ed:110b,1100,1100 1142:110b,1103 a976:110b,1105 1143:110b,1106 1144:110b,1107 1145:110b,110"
    "9 11f1:110b,1109 1147:110b,110b 11ee:110b,110b 1148:110b,110c 1149:110b,110e 11ef:110b,110f "
    "114a:110b,1110 114b:110b,1111 a977:110b,1112 1146:110b,1140 11f2:110b,1140 11bd:110c d7f7:11"
    "0c,1107 d7f8:110c,1107,1107 114d:110c,110b 110d:110c,110c d7f9:110c,110c a978:110c,110c,1112"
    " 11be:110e 1152:110e,110f 1153:110e,1112 11bf:110f 11c0:1110 a979:1110,1110 11c1:1111 1156:1"
    "111,1107 11f3:1111,1107 d7fa:1111,1109 1157:1111,110b 11f4:1111,110b d7fb:1111,1110 a97a:111"
    "1,1112 11c2:1112 11f5:1112,1102 11f6:1112,1105 11f7:1112,1106 11f8:1112,1107 a97b:1112,1109 "
    "1158:1112,1112 113d:113c,113c 113f:113e,113e 11eb:1140 d7f3:1140,1107 d7f4:1140,1107,110b 11"
    "f0:114c d7f5:114c,1106 d7f6:114c,1112 114f:114e,114e 1151:1150,1150 11f9:1159 a97c:1159,1159"
    " 11a3:1161,30fc 1176:1161,1169 1177:1161,116e 1162:1161,4e28 1178:1163,1169 1179:1163,116d 1"
    "1a4:1163,116e 1164:1163,4e28 117c:1165,30fc 117a:1165,1169 117b:1165,116e 1166:1165,4e28 11a"
    "5:1167,1163 117d:1167,1169 117e:1167,116e 1168:1167,4e28 116a:1169,1161 116b:1169,1161,4e28 "
    "11a6:1169,1163 11a7:1169,1163,4e28 117f:1169,1165 1180:1169,1165,4e28 d7b0:1169,1167 1181:11"
    "69,1167,4e28 1182:1169,1169 d7b1:1169,1169,4e28 1183:1169,116e 116c:1169,4e28 d7b2:116d,1161"
    " d7b3:116d,1161,4e28 1184:116d,1163 1186:116d,1163 1185:116d,1163,4e28 d7b4:116d,1165 1187:1"
    "16d,1169 1188:116d,4e28 1189:116e,1161 118a:116e,1161,4e28 116f:116e,1165 118b:116e,1165,30f"
    "c 1170:116e,1165,4e28 d7b5:116e,1167 118c:116e,1167,4e28 118d:116e,116e 1171:116e,4e28 d7b6:"
    "116e,4e28,4e28 118e:1172,1161 d7b7:1172,1161,4e28 118f:1172,1165 1190:1172,1165,4e28 1191:11"
    "72,1167 1192:1172,1167,4e28 d7b8:1172,1169 1193:1172,116e 1194:1172,4e28 d7c5:119e,1161 119f"
    ":119e,1165 d7c6:119e,1165,4e28 11a0:119e,116e 11a2:119e,119e 11a1:119e,4e28 30d8:3078 a7b1:a"
    "4d5 a79e:a4e4 16f26:a4f6 10411:a4f6 11ae6:11ae5,11aef 11ae8:11ae5,11ae5 11ae9:11ae5,11ae5,11"
    "aef 11aea:11ae5,11ae5,11af0 11ae7:11ae5,11af0 11af4:11af3,11aef 11af6:11af3,11af3 11af7:11af"
    "3,11af3,11aef 11af8:11af3,11af3,11af0 11af5:11af3,11af0 11aec:11aeb,11aef 11aed:11aeb,11aeb "
    "11aee:11aeb,11aeb,11aef a69a:102a8 a79b:1043a a79a:10412 104a0:10486 103d1:10382 103d3:10393"
    " 12038:1039a 132f9:1099e 1175:4e28 119c:4e28,30fc 1198:4e28,1161 1199:4e28,1163 d7bd:4e28,11"
    "63,1169 d7be:4e28,1163,4e28 d7bf:4e28,1167 d7c0:4e28,1167,4e28 119a:4e28,1169 d7c1:4e28,1169"
    ",4e28 d7c2:4e28,116d 119b:4e28,116e d7c3:4e28,1172 119d:4e28,119e d7c4:4e28,4e28 30cb:4e8c 3"
    "0a4:4ebb 5002:4f75 503c:5024 30cf:516b 30ab:529b 30c8:535c 30ed:53e3 56d7:53e3 439b:3588 555"
    "f:5553 58eb:571f 39b3:363d 586b:5861 58ff:58ab 30bf:5915 5b00:5aaf 30a8:5de5 5e32:5e21 6238:"
    "6236 6409:3a41 66f6:3ada 6669:665a 80a6:670c 80d0:670f 80ca:6710 8101:6713 80f6:3b35 8127:67"
    "18 5e50:3b3a 4420:3b3b 81a7:6723 67ff:676e 69e9:3ba3 6a27:699d 6f59:6e88 9fc3:4039 6663:403f"
    " 784f:7814 7d76:7d55 8141:80fc 6726:4443 853f:848d 8641:8637 8a7d:8a2e 8a1e:46b6 8b8f:8b86 8"
    "c63:8c5c 8d86:8d7f 8dfa:8de5 8e9b:8e97 8f27:8eff 90de:90ce 93ae:93ad 96b8:96b7 9e43:9e42 9ed"
    "2:9ed1 "
)
