//! The child order that ECMA-376 (Transitional, Part 1, WordprocessingML schema `wml.xsd`)
//! prescribes for the property containers docx-rs writes out of order. Data only: the fix-up
//! pass in `fixup.rs` sorts the children of each container by these tables.
//!
//! Each table lists the child element names in schema sequence order. A child not listed keeps
//! its relative place after the listed ones (stable sort).

/// A property container and the schema order of its children.
#[derive(Debug)]
pub(super) struct Order {
    /// Qualified element name of the container, as docx-rs writes it.
    pub name: &'static str,
    /// Qualified child names, in schema order.
    pub children: &'static [&'static str],
}

impl Order {
    /// The position of `child` in the schema sequence (unknown children sort last).
    pub fn rank(&self, child: &[u8]) -> usize {
        self.children
            .iter()
            .position(|c| c.as_bytes() == child)
            .unwrap_or(self.children.len())
    }
}

/// `CT_RPr` (run properties: `EG_RPrBase` then `rPrChange`), also used for `CT_ParaRPr` (the
/// paragraph mark's properties inside `w:pPr`), which adds `ins`/`del`/`moveFrom`/`moveTo`
/// in front.
pub(super) const RPR: Order = Order {
    name: "w:rPr",
    children: &[
        "w:ins",
        "w:del",
        "w:moveFrom",
        "w:moveTo",
        "w:rStyle",
        "w:rFonts",
        "w:b",
        "w:bCs",
        "w:i",
        "w:iCs",
        "w:caps",
        "w:smallCaps",
        "w:strike",
        "w:dstrike",
        "w:outline",
        "w:shadow",
        "w:emboss",
        "w:imprint",
        "w:noProof",
        "w:snapToGrid",
        "w:vanish",
        "w:webHidden",
        "w:color",
        "w:spacing",
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
        "w:rPrChange",
    ],
};

/// `CT_PPr` (`CT_PPrBase`, then `rPr`, `sectPr`, `pPrChange`); `CT_PPrGeneral` (document
/// defaults and styles) is the same without `rPr` and `sectPr`.
pub(super) const PPR: Order = Order {
    name: "w:pPr",
    children: &[
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ],
};

/// `CT_PBdr` (paragraph borders).
pub(super) const PBDR: Order = Order {
    name: "w:pBdr",
    children: &[
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:between",
        "w:bar",
    ],
};

/// `CT_TblPr` (`CT_TblPrBase`, then `tblPrChange`).
pub(super) const TBLPR: Order = Order {
    name: "w:tblPr",
    children: &[
        "w:tblStyle",
        "w:tblpPr",
        "w:tblOverlap",
        "w:bidiVisual",
        "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize",
        "w:tblW",
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    ],
};

/// `CT_TblBorders`.
pub(super) const TBL_BORDERS: Order = Order {
    name: "w:tblBorders",
    children: &[
        "w:top",
        "w:left",
        "w:start",
        "w:bottom",
        "w:right",
        "w:end",
        "w:insideH",
        "w:insideV",
    ],
};

/// `CT_TblCellMar` (table-wide default cell margins).
pub(super) const TBL_CELL_MAR: Order = Order {
    name: "w:tblCellMar",
    children: &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"],
};

/// `CT_TcMar` (one cell's margins).
pub(super) const TC_MAR: Order = Order {
    name: "w:tcMar",
    children: &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"],
};

/// `CT_TcBorders`.
pub(super) const TC_BORDERS: Order = Order {
    name: "w:tcBorders",
    children: &[
        "w:top",
        "w:left",
        "w:start",
        "w:bottom",
        "w:right",
        "w:end",
        "w:insideH",
        "w:insideV",
        "w:tl2br",
        "w:tr2bl",
    ],
};

/// `CT_TrPr`: `CT_TrPrBase` is a free choice (any order), then the sequence `ins`, `del`,
/// `trPrChange` must follow it; the base elements are listed in their declaration order.
pub(super) const TRPR: Order = Order {
    name: "w:trPr",
    children: &[
        "w:cnfStyle",
        "w:divId",
        "w:gridBefore",
        "w:gridAfter",
        "w:wBefore",
        "w:wAfter",
        "w:cantSplit",
        "w:trHeight",
        "w:tblHeader",
        "w:tblCellSpacing",
        "w:jc",
        "w:hidden",
        "w:ins",
        "w:del",
        "w:trPrChange",
    ],
};

/// `CT_TcPr` (`CT_TcPrInner` = `CT_TcPrBase` plus cell revisions, then `tcPrChange`).
pub(super) const TCPR: Order = Order {
    name: "w:tcPr",
    children: &[
        "w:cnfStyle",
        "w:tcW",
        "w:gridSpan",
        "w:hMerge",
        "w:vMerge",
        "w:tcBorders",
        "w:shd",
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
        "w:headers",
        "w:cellIns",
        "w:cellDel",
        "w:cellMerge",
        "w:tcPrChange",
    ],
};

/// `CT_SectPr` (`EG_HdrFtrReferences`, then `EG_SectPrContents`, then `sectPrChange`).
pub(super) const SECTPR: Order = Order {
    name: "w:sectPr",
    children: &[
        "w:headerReference",
        "w:footerReference",
        "w:footnotePr",
        "w:endnotePr",
        "w:type",
        "w:pgSz",
        "w:pgMar",
        "w:paperSrc",
        "w:pgBorders",
        "w:lnNumType",
        "w:pgNumType",
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    ],
};

/// `CT_Style`.
pub(super) const STYLE: Order = Order {
    name: "w:style",
    children: &[
        "w:name",
        "w:aliases",
        "w:basedOn",
        "w:next",
        "w:link",
        "w:autoRedefine",
        "w:hidden",
        "w:uiPriority",
        "w:semiHidden",
        "w:unhideWhenUsed",
        "w:qFormat",
        "w:locked",
        "w:personal",
        "w:personalCompose",
        "w:personalReply",
        "w:rsid",
        "w:pPr",
        "w:rPr",
        "w:tblPr",
        "w:trPr",
        "w:tcPr",
        "w:tblStylePr",
    ],
};

/// `CT_DocDefaults`.
pub(super) const DOC_DEFAULTS: Order = Order {
    name: "w:docDefaults",
    children: &["w:rPrDefault", "w:pPrDefault"],
};

/// `CT_Settings`, the elements up to `compat` and `docVars` that matter here (the full
/// sequence has about a hundred); Word 2010+ extensions (`w14:docId`, `w15:docId`) go last.
pub(super) const SETTINGS: Order = Order {
    name: "w:settings",
    children: &[
        "w:writeProtection",
        "w:view",
        "w:zoom",
        "w:removePersonalInformation",
        "w:removeDateAndTime",
        "w:doNotDisplayPageBoundaries",
        "w:displayBackgroundShape",
        "w:printPostScriptOverText",
        "w:printFractionalCharacterWidth",
        "w:printFormsData",
        "w:embedTrueTypeFonts",
        "w:embedSystemFonts",
        "w:saveSubsetFonts",
        "w:saveFormsData",
        "w:mirrorMargins",
        "w:alignBordersAndEdges",
        "w:bordersDoNotSurroundHeader",
        "w:bordersDoNotSurroundFooter",
        "w:gutterAtTop",
        "w:hideSpellingErrors",
        "w:hideGrammaticalErrors",
        "w:activeWritingStyle",
        "w:proofState",
        "w:formsDesign",
        "w:attachedTemplate",
        "w:linkStyles",
        "w:stylePaneFormatFilter",
        "w:stylePaneSortMethod",
        "w:documentType",
        "w:mailMerge",
        "w:revisionView",
        "w:trackRevisions",
        "w:doNotTrackMoves",
        "w:doNotTrackFormatting",
        "w:documentProtection",
        "w:autoFormatOverride",
        "w:styleLockTheme",
        "w:styleLockQFSet",
        "w:defaultTabStop",
        "w:autoHyphenation",
        "w:consecutiveHyphenLimit",
        "w:hyphenationZone",
        "w:doNotHyphenateCaps",
        "w:showEnvelope",
        "w:summaryLength",
        "w:clickAndTypeStyle",
        "w:defaultTableStyle",
        "w:evenAndOddHeaders",
        "w:bookFoldRevPrinting",
        "w:bookFoldPrinting",
        "w:bookFoldPrintingSheets",
        "w:drawingGridHorizontalSpacing",
        "w:drawingGridVerticalSpacing",
        "w:displayHorizontalDrawingGridEvery",
        "w:displayVerticalDrawingGridEvery",
        "w:doNotUseMarginsForDrawingGridOrigin",
        "w:drawingGridHorizontalOrigin",
        "w:drawingGridVerticalOrigin",
        "w:doNotShadeFormData",
        "w:noPunctuationKerning",
        "w:characterSpacingControl",
        "w:printTwoOnOne",
        "w:strictFirstAndLastChars",
        "w:noLineBreaksAfter",
        "w:noLineBreaksBefore",
        "w:savePreviewPicture",
        "w:doNotValidateAgainstSchema",
        "w:saveInvalidXml",
        "w:ignoreMixedContent",
        "w:alwaysShowPlaceholderText",
        "w:doNotDemarcateInvalidXml",
        "w:saveXmlDataOnly",
        "w:useXSLTWhenSaving",
        "w:saveThroughXslt",
        "w:showXMLTags",
        "w:alwaysMergeEmptyNamespace",
        "w:updateFields",
        "w:hdrShapeDefaults",
        "w:footnotePr",
        "w:endnotePr",
        "w:compat",
        "w:docVars",
        "w:rsids",
        "m:mathPr",
        "w:attachedSchema",
        "w:themeFontLang",
        "w:clrSchemeMapping",
        "w:doNotIncludeSubdocsInStats",
        "w:doNotAutoCompressPictures",
        "w:forceUpgrade",
        "w:captions",
        "w:readModeInkLockDown",
        "w:smartTagType",
        "sl:schemaLibrary",
        "w:shapeDefaults",
        "w:doNotEmbedSmartTags",
        "w:decimalSymbol",
        "w:listSeparator",
    ],
};

/// Every container the fix-up pass sorts.
pub(super) const ORDERS: &[&Order] = &[
    &RPR,
    &PPR,
    &PBDR,
    &TBLPR,
    &TBL_BORDERS,
    &TBL_CELL_MAR,
    &TC_MAR,
    &TC_BORDERS,
    &TRPR,
    &TCPR,
    &SECTPR,
    &STYLE,
    &DOC_DEFAULTS,
    &SETTINGS,
];

/// The order for a container element, if it is one the pass sorts.
pub(super) fn order_of(name: &[u8]) -> Option<&'static Order> {
    ORDERS.iter().copied().find(|o| o.name.as_bytes() == name)
}
